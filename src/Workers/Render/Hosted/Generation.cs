namespace AiProd.Workers.Render.Hosted;

/// <summary>
/// What a provider generated for one shot: where its output is (a URL to download at once, or the bytes when the
/// answer carried them inline), what it billed, in seconds of output, and the headers the download needs on the
/// output's own host (Veo's file download wants the API key). <paramref name="RefreshOutput"/>, when the provider
/// can hand out a fresh URL for the same output (Runway: fetch the task again), is used once if the first has expired.
/// </summary>
public sealed record Generation(
    Uri? OutputUri,
    byte[]? InlineBytes,
    double BilledSeconds,
    IReadOnlyDictionary<string, string>? DownloadHeaders = null,
    Func<CancellationToken, Task<Uri?>>? RefreshOutput = null);
