using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AiProd.Assets;

/// <summary>Checks <see cref="AssetOptions"/> at start-up; every message names the setting to fix.</summary>
public sealed partial class AssetOptionsValidator : IValidateOptions<AssetOptions>
{
    public ValidateOptionsResult Validate(string? name, AssetOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IReadOnlyList<string> Problems(AssetOptions o)
    {
        const string s = AssetOptions.Section;
        var problems = new List<string>();
        if (!Enum.IsDefined(o.Store))
            problems.Add($"{s}:Store must be Local or Gcs.");
        if (o.SignedUrlLifetime < TimeSpan.FromSeconds(1) || o.SignedUrlLifetime > TimeSpan.FromDays(7))
            problems.Add($"{s}:SignedUrlLifetime must be between 00:00:01 and 7.00:00:00 (V4 signed URLs last at most 7 days); it is {o.SignedUrlLifetime}.");
        if (o.Store == AssetStoreKind.Local && string.IsNullOrWhiteSpace(o.Root))
            problems.Add($"{s}:Root is required when {s}:Store is Local (the folder that holds the assets).");
        if (o.Store != AssetStoreKind.Gcs)
            return problems;

        if (string.IsNullOrWhiteSpace(o.Bucket))
            problems.Add($"{s}:Bucket is required when {s}:Store is Gcs (the Cloud Storage bucket that holds the videos).");
        else if (!BucketName().IsMatch(o.Bucket) || o.Bucket.Contains("..", StringComparison.Ordinal))
            problems.Add($"{s}:Bucket '{o.Bucket}' is not a valid bucket name (3-63 lowercase letters, digits, '-', '_' and '.').");
        if (o.Prefix is null || (o.Prefix.Length > 0 && (!o.Prefix.EndsWith('/') || !AssetNames.IsValid(o.Prefix.TrimEnd('/')))))
            problems.Add($"{s}:Prefix must be empty or segments of letters, digits, '.', '-' and '_' ending in '/' (default 'videos/').");
        if (!string.IsNullOrWhiteSpace(o.EmulatorHost) && GcsClients.EmulatorBaseUri(o.EmulatorHost) is null)
            problems.Add($"{s}:EmulatorHost (or STORAGE_EMULATOR_HOST) must look like http://127.0.0.1:9199 or 127.0.0.1:9199.");
        if (string.IsNullOrWhiteSpace(o.CacheRoot))
            problems.Add($"{s}:CacheRoot is required when {s}:Store is Gcs (this machine's read cache folder).");
        if (o.CacheSizeLimitMiB < 1)
            problems.Add($"{s}:CacheSizeLimitMiB must be at least 1.");
        if (o.UploadChunkSizeMiB is < 1 or > 1024)
            problems.Add($"{s}:UploadChunkSizeMiB must be between 1 and 1024.");
        if (!string.IsNullOrWhiteSpace(o.SigningCredentialFile) && !File.Exists(o.SigningCredentialFile))
            problems.Add($"{s}:SigningCredentialFile names a file that does not exist.");
        return problems;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
