using Microsoft.AspNetCore.Builder;

// In the hosting namespace, as eShop's ServiceDefaults: every Program.cs sees it without a using.
namespace Microsoft.Extensions.Hosting;

/// <summary>The start of every AiProd service's Program.cs.</summary>
public static class AiProdService
{
    /// <summary>
    /// A slim web host (Kestrel for <c>/health</c> and <c>/alive</c> only) whose appsettings.json is read from beside
    /// the service's binaries, wherever it is started from, with the service defaults added.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddServiceDefaults();
        return builder;
    }
}
