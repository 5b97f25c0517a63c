using System.CommandLine;

namespace AiProd.Cli.Remote;

/// <summary>The options every command against a gateway takes: <c>--url</c> and <c>--api-key</c>.</summary>
internal static class RemoteOptions
{
    public static Option<Uri> Url(bool required = true) => new("--url")
    {
        Description = "The gateway, e.g. http://127.0.0.1:8080 (default: AIPROD_URL).",
        Required = required && Environment.GetEnvironmentVariable("AIPROD_URL") is null,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AIPROD_URL") is { } url ? new Uri(url) : new Uri("http://127.0.0.1:8080"),
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                return uri;
            r.AddError($"--url: '{text}' is not an http or https address.");
            return null;
        },
    };

    public static Option<string?> ApiKey() => new("--api-key") { Description = "An API key (default: AIPROD_KEY)." };

    public static Option<bool> Json() => new("--json") { Description = "Machine-readable output." };

    /// <summary>True when a person watches: a terminal, not a pipe or a file.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";
}
