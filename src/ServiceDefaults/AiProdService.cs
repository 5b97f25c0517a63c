using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

// In the hosting namespace, as eShop's ServiceDefaults: every Program.cs sees it without a using.
namespace Microsoft.Extensions.Hosting;

/// <summary>The start of every AiProd service's Program.cs.</summary>
public static class AiProdService
{
    /// <summary>
    /// A slim web host (Kestrel for <c>/health</c> and <c>/alive</c> only) with the service defaults added. A service of
    /// its own runs distributed, so <c>Bus:Transport</c> defaults to PubSub here; <paramref name="defaults"/> adds the
    /// service's other defaults. Every source (appsettings.json beside the binaries, environment, command line) overrides them.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, params (string Key, string Value)[] defaults)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ReadConfigOnce(args), ContentRootPath = AppContext.BaseDirectory });
        var initial = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Bus:Transport"] = "PubSub",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:MassTransit"] = "Warning",
        };
        foreach (var (key, value) in defaults)
            initial[key] = value;
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = initial });
        builder.AddServiceDefaults();
        return builder;
    }

    /// <summary>
    /// <paramref name="args"/> behind <c>hostBuilder:reloadConfigOnChange=false</c>: the appsettings files are read once
    /// at start and not watched. Watching them puts a recursive file watcher on the content root, which also sees every
    /// write of a SQLite file beneath it (the embedded default <c>data/aiprod.db</c> under the working folder): about a
    /// quarter of the embedded gateway's CPU a submit. Nothing in AiProd reloads its settings; a later
    /// <c>--hostBuilder:reloadConfigOnChange=true</c> on the command line still turns watching on.
    /// </summary>
    public static string[] ReadConfigOnce(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];
}
