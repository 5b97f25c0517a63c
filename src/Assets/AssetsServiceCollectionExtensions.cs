using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiProd.Assets;

public static class AssetsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AssetOptions"/> (section <c>Assets</c>, validated at start-up) and the <see cref="IAssetStore"/>
    /// that <c>Assets:Store</c> picks: <see cref="LocalAssetStore"/> or <see cref="GcsAssetStore"/>.
    /// </summary>
    public static IServiceCollection AddAiProdAssets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AssetOptions>().Bind(configuration.GetSection(AssetOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AssetOptions>, AssetOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAssetStore>(provider =>
            provider.GetRequiredService<IOptions<AssetOptions>>().Value.Store == AssetStoreKind.Gcs
                ? ActivatorUtilities.CreateInstance<GcsAssetStore>(provider)
                : ActivatorUtilities.CreateInstance<LocalAssetStore>(provider));
        return services;
    }
}
