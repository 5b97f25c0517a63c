using AiProd.Gateway.Security;

namespace AiProd.Gateway.Page;

/// <summary>
/// The web page at <c>/</c>: one HTML file, a script and a style sheet embedded in the assembly (no build step, no
/// third-party script), answered with <see cref="SecurityHeaders.PageContentSecurityPolicy"/>. The page calls the same
/// HTTP API as any client, with the key the user types.
/// </summary>
public static class WebPage
{
    private static readonly Dictionary<string, (string Resource, string ContentType)> Files = new(StringComparer.Ordinal)
    {
        ["/"] = ("index.html", "text/html; charset=utf-8"),
        ["/ui/app.js"] = ("app.js", "text/javascript; charset=utf-8"),
        ["/ui/app.css"] = ("app.css", "text/css; charset=utf-8"),
    };

    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder app)
    {
        foreach (var (path, (resource, contentType)) in Files)
        {
            var bytes = Read(resource);
            app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.ContentSecurityPolicy = SecurityHeaders.PageContentSecurityPolicy;
                http.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(bytes, contentType);
            }).ExcludeFromDescription();
        }

        return app;
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(WebPage).Assembly.GetManifestResourceStream($"AiProd.Gateway.Page.{name}")
            ?? throw new InvalidOperationException($"The page file {name} is not embedded in the gateway.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
