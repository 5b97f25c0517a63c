using System.Text.RegularExpressions;

namespace AiProd.Assets;

/// <summary>The rules every store applies to names, extensions and metadata, so a name valid on one is valid on the other.</summary>
internal static partial class AssetNames
{
    /// <summary>Custom metadata keys the stores set on every Cloud Storage object.</summary>
    public const string VideoIdKey = "video-id";
    public const string NameKey = "asset-name";
    public const string Sha256Key = "sha256";

    private const int MaxNameLength = 512;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a safe relative asset name.</summary>
    public static void Validate(string name, string paramName = "name")
    {
        if (!IsValid(name))
            throw new ArgumentException(
                $"Asset name '{Shown(name)}' is not valid: use a relative path of segments made of letters, digits, '.', '-' and '_' "
                + $"(none starting with a dot), at most {MaxNameLength} characters, e.g. 'shots/s01-a1.mp4'.", paramName);
    }

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name.Split('/').All(segment => Segment().IsMatch(segment));

    /// <summary>The extension without its dot, checked (letters and digits, at most 10).</summary>
    public static string Extension(string extension)
    {
        var bare = extension.TrimStart('.');
        if (!ExtensionPattern().IsMatch(bare))
            throw new ArgumentException($"Extension '{Shown(extension)}' is not valid: use letters and digits only, e.g. 'mp4'.", nameof(extension));
        return bare;
    }

    public static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".mp4" => "video/mp4",
        ".webm" => "video/webm",
        ".mov" => "video/quicktime",
        ".json" => "application/json",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".wav" => "audio/wav",
        ".mp3" => "audio/mpeg",
        ".m4a" => "audio/mp4",
        ".srt" => "application/x-subrip",
        ".vtt" => "text/vtt",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>The custom metadata of an object: the caller's, then the three the store always sets (which the caller may not).</summary>
    public static Dictionary<string, string> Metadata(Guid videoId, string name, string sha256Hex, IReadOnlyDictionary<string, string>? extra)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            if (!MetadataKey().IsMatch(key))
                throw new ArgumentException($"Metadata key '{Shown(key)}' is not valid: use letters, digits, '-' and '_' (at most 64).", nameof(extra));
            if (key is VideoIdKey or NameKey or Sha256Key)
                throw new ArgumentException($"Metadata key '{key}' is set by the asset store itself.", nameof(extra));
            metadata[key] = value;
        }

        metadata[VideoIdKey] = videoId.ToString("N");
        metadata[NameKey] = name;
        metadata[Sha256Key] = sha256Hex;
        return metadata;
    }

    /// <summary>Caller input echoed in a message: cut short and stripped of control characters.</summary>
    private static string Shown(string? value) =>
        value is null ? "(null)" : new string(value.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$")]
    private static partial Regex Segment();

    [GeneratedRegex("^[A-Za-z0-9]{1,10}$")]
    private static partial Regex ExtensionPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex MetadataKey();
}
