using AiProd.ServiceDefaults;
using AiProd.ServiceDefaults.Logging;
using AiProd.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

// In the hosting namespace, as eShop's ServiceDefaults: every Program.cs sees it without a using.
namespace Microsoft.Extensions.Hosting;

/// <summary>How every AiProd host writes its log: JSON for Cloud Logging when distributed, readable lines embedded.</summary>
public static class LoggingRegistration
{
    /// <summary>
    /// <c>Logging:Format</c> = <c>Json</c> (the default on Pub/Sub: one Cloud Logging entry a line on stdout, see
    /// <see cref="CloudLoggingFormatter"/>) or <c>Text</c> (the default embedded: one readable line an entry, time first).
    /// The trace ids name the project <c>Logging:ProjectId</c>, else <c>PubSub:ProjectId</c>, else <c>GOOGLE_CLOUD_PROJECT</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAiProdLogging(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var format = configuration["Logging:Format"];
        var json = format is { Length: > 0 }
            ? string.Equals(format, "Json", StringComparison.OrdinalIgnoreCase)
            : BusOptions.From(configuration).IsPubSub;
        if (json)
        {
            var project = configuration["Logging:ProjectId"] ?? configuration["PubSub:ProjectId"] ?? configuration["GOOGLE_CLOUD_PROJECT"];
            var role = ServiceIdentity.Name(configuration, builder.Environment);
            builder.Logging.AddConsole(o => o.FormatterName = CloudLoggingFormatter.Name)
                .AddConsoleFormatter<CloudLoggingFormatter, CloudLoggingFormatterOptions>(o =>
                {
                    o.ProjectId = project;
                    o.Role = role;
                    o.IncludeScopes = true;
                });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.IncludeScopes = false;
            });
        }

        return builder;
    }
}
