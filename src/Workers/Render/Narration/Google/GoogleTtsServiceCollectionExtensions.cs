using AiProd.Providers.Http;
using AiProd.Workers.Render.Hosted;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Workers.Render.Narration.Google;

/// <summary>Cloud Text-to-Speech replaces espeak-ng as the narration voice when its key is configured.</summary>
public static class GoogleTtsServiceCollectionExtensions
{
    public static IServiceCollection AddGoogleTextToSpeechIfConfigured(this IServiceCollection services, IConfiguration configuration)
    {
        if (HostedRenderersServiceCollectionExtensions.KeyFor(configuration, GoogleTtsOptions.Section, GoogleTtsOptions.VendorKeyVariable) is not { } key)
            return services;
        services.AddProviderHttpClient<GoogleTtsClient, GoogleTtsOptions>(configuration, GoogleTtsOptions.Section);
        services.PostConfigure<GoogleTtsOptions>(o => o.ApiKey = string.IsNullOrWhiteSpace(o.ApiKey) ? key : o.ApiKey);
        // Last registration wins: the composer gets the hosted voice.
        services.AddTransient<ITextToSpeech, GoogleTextToSpeech>();
        return services;
    }
}
