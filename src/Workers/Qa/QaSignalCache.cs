using System.Security.Cryptography;
using AiProd.Workers.Qa.Consistency;

namespace AiProd.Workers.Qa;

/// <summary>The semantic half of a <see cref="QaPass"/>: the evaluator's signals and the consistency scorer's frames.</summary>
internal sealed record SemanticSignals(SignalSeries Signals, VideoFrames Frames);

/// <summary>
/// Hands the semantic signals to the semantic stage from a decode technical QA started beside its own: the two decodes
/// run at once on two cores while the technical gate is still deciding, and the semantic stage waits only for what is
/// left of its one. Keyed by the SHA-256 of the video's bytes with the frame rate and analysis settings (another
/// pod, another file or other settings miss and decode for themselves). An entry is taken, not copied: one judge reads
/// it (the frames cache their grey planes and are not shared between threads). At most <see cref="Capacity"/> entries,
/// each for <see cref="Lifetime"/>, the oldest going first: a few MB a minute of video each.
/// </summary>
public sealed class QaSignalCache(TimeProvider time)
{
    public const int Capacity = 4;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly Lock _gate = new();
    private readonly List<(string Key, Task<SemanticSignals?> Signals, DateTimeOffset Until)> _entries = [];

    /// <summary>Entries held (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    /// <summary>Starts <paramref name="measure"/> now, without waiting for it, and keeps its result under <paramref name="key"/>.</summary>
    internal void Start(string key, Func<Task<SemanticSignals?>> measure) => Keep(key, Task.Run(measure));

    internal void Keep(string key, Task<SemanticSignals?> signals)
    {
        lock (_gate)
        {
            _entries.RemoveAll(e => e.Key == key || e.Until <= time.GetUtcNow());
            if (_entries.Count >= Capacity)
                _entries.RemoveAt(0);
            _entries.Add((key, signals, time.GetUtcNow() + Lifetime));
        }
    }

    /// <summary>The measurement kept under <paramref name="key"/> (still running or done), removed from the cache; null when there is none.</summary>
    internal Task<SemanticSignals?>? Take(string key)
    {
        lock (_gate)
        {
            var at = _entries.FindIndex(e => e.Key == key);
            if (at < 0)
                return null;
            var entry = _entries[at];
            _entries.RemoveAt(at);
            return entry.Until > time.GetUtcNow() ? entry.Signals : null;
        }
    }

    /// <summary>The key of <paramref name="file"/>'s signals measured at <paramref name="frameRate"/> with the analysis settings of <paramref name="options"/>.</summary>
    internal static async Task<string> KeyAsync(string file, int frameRate, QaOptions options, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return $"{Convert.ToHexStringLower(hash)}/{frameRate}/{options.SemanticAnalysisWidth}/{options.SemanticDetailEvery}";
    }
}
