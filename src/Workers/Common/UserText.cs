using System.Text.RegularExpressions;

namespace AiProd.Workers.Common;

/// <summary>
/// Takes server paths out of text a user will read (step failures, render attempts, fault messages, manifests): an
/// exception's or a tool's words often name the file they were about, and a server's folders are not the user's to see.
/// A path to an asset in a video's folder (<c>…/{videoId:N}/shots/s01-a1.mp4</c>, also as a <c>file://</c> URI) becomes
/// its portable name (<c>local:{videoId:N}/shots/s01-a1.mp4</c>, as the local store names it); any other absolute path
/// becomes its file name, or <c>&lt;path&gt;</c> when it has none.
/// </summary>
public static partial class UserText
{
    /// <summary><paramref name="text"/> without server paths; null stays null.</summary>
    public static string? Scrub(string? text) =>
        string.IsNullOrEmpty(text) ? text : UnixPath().Replace(WindowsPath().Replace(FileUri().Replace(text, m => Portable(Uri.UnescapeDataString(m.Groups["path"].Value))), m => Portable(m.Value)), m => Portable(m.Value));

    private static string Portable(string path)
    {
        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        // The last video folder in the path: what follows it, when it is a valid asset name, is the asset's portable name.
        for (var i = segments.Length - 2; i >= 0; i--)
        {
            if (segments[i].Length == 32 && Guid.TryParseExact(segments[i], "N", out _))
            {
                var name = string.Join('/', segments[(i + 1)..]);
                if (AssetName().IsMatch(name))
                    return $"local:{segments[i]}/{name}";
                break;
            }
        }

        // A folder (trailing slash) says nothing without its parents: it is just "<path>".
        var folder = path.EndsWith('/') || path.EndsWith('\\');
        return !folder && segments.Length > 0 && !segments[^1].EndsWith(':') ? segments[^1] : "<path>";
    }

    [GeneratedRegex(@"file://(?:localhost)?(?<path>/[^\s'""|<>]*)", RegexOptions.IgnoreCase)]
    private static partial Regex FileUri();

    // An absolute path: a slash not preceded by a word character, a dot, a colon or another slash (so "1280/2",
    // "16:9" and URLs are left alone), then at least one folder.
    [GeneratedRegex(@"(?<![\w.:/])/(?:[^\s/:'""|<>]+/)+[^\s/:'""|<>]*")]
    private static partial Regex UnixPath();

    [GeneratedRegex(@"(?<![\w])[A-Za-z]:\\(?:[^\s\\:'""|<>]+\\)*[^\s\\:'""|<>]*")]
    private static partial Regex WindowsPath();

    // Segments of letters, digits, '.', '-', '_', none starting with a dot (the stores' rule for names).
    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")]
    private static partial Regex AssetName();
}
