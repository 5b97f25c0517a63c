namespace AiProd.Gateway.Security;

/// <summary>
/// Headers on every response, error pages included: no MIME sniffing, never framed, no referrer, and a CSP that lets
/// an HTML response load nothing (the API serves JSON and MP4 only) unless the response set its own: the web page's
/// (<see cref="PageContentSecurityPolicy"/>) is the only one that does.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The web page's: its own script and style sheet only (no inline script or style), calls to this origin, and
    /// videos it fetched with the key and plays from memory (<c>blob:</c>).
    /// </summary>
    public const string PageContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; media-src 'self' blob:; img-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = headers.ContentSecurityPolicy.Count == 0 ? ContentSecurityPolicy : headers.ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-site";
            headers.CacheControl = headers.CacheControl.Count == 0 ? "no-store" : headers.CacheControl;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
