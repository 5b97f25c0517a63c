using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Sanitizing;

public static class SanitizingServiceCollectionExtensions
{
    /// <summary>
    /// The input sanitizer (a pure singleton) with its options from section <c>Sanitizer</c>, checked at start-up. The
    /// gateway and the CLI validate with it before accepting a request; the creative role runs it as the pipeline's
    /// first stage, for requests that other systems publish straight onto the bus.
    /// </summary>
    public static IServiceCollection AddInputSanitizer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SanitizerOptions>(configuration, SanitizerOptions.Section);
        services.AddSingleton<IInputSanitizer, InputSanitizer>();
        return services;
    }
}
