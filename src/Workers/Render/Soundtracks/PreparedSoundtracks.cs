using System.Text.Json;
using AiProd.Assets;
using AiProd.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Soundtracks;

/// <summary>
/// Soundtracks made ahead of the composer, among the video's assets (so another render replica finds them through the
/// asset store): the mix as <c>soundtracks/{key}-{run}.wav</c> and, when it was encoded ahead, the delivery's audio track
/// as <c>soundtracks/{key}-{run}.m4a</c>, then <c>soundtracks/{key}.json</c> naming them with the narration cues and the
/// gain (and the track's length and bitrate). The JSON is written last, so a soundtrack is found only once it is whole; each run
/// writes its own mix, so a duplicate run never replaces the file a reader was pointed at.
/// </summary>
public sealed class PreparedSoundtracks(IAssetStore assets, SoundtrackMaker maker, IOptions<RenderOptions> options, ILogger<PreparedSoundtracks> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Entry(string Key, string Mix, IReadOnlyList<NarrationCue> Cues, double GainDb)
    {
        /// <summary>The encoded track's store name; null in an entry written before tracks were encoded ahead.</summary>
        public string? Track { get; init; }

        public double TrackSeconds { get; init; }

        public int TrackBitrateKbps { get; init; }
    }

    /// <summary>The key of the soundtrack of <paramref name="orderedShots"/> for <paramref name="request"/> on this worker's voice and target.</summary>
    public string KeyOf(VideoRequest request, IReadOnlyList<Shot> orderedShots) =>
        SoundtrackKey.For(request, orderedShots, CompositionPlan.FrameRateOf(request, orderedShots), maker.VoiceName, options.Value.TargetLufs);

    /// <summary>Whether the soundtrack under <paramref name="key"/> is stored (its JSON, written last).</summary>
    public async Task<bool> ExistsAsync(Guid videoId, string key, CancellationToken cancellationToken) =>
        await assets.FindAsync(videoId, JsonName(key), cancellationToken) is not null;

    /// <summary>The stored soundtrack under <paramref name="key"/>, its mix a local file; null when there is none or it cannot be read (the caller makes it).</summary>
    public async Task<Soundtrack?> FindAsync(Guid videoId, string key, CancellationToken cancellationToken)
    {
        try
        {
            if (await assets.FindAsync(videoId, JsonName(key), cancellationToken) is not { } uri)
                return null;
            Entry? entry;
            await using (var stream = await assets.OpenReadAsync(uri, cancellationToken))
                entry = await JsonSerializer.DeserializeAsync<Entry>(stream, Json, cancellationToken);
            if (entry is null || entry.Key != key || await assets.FindAsync(videoId, entry.Mix, cancellationToken) is not { } mix)
                return null;
            var soundtrack = new Soundtrack(await assets.GetLocalFileAsync(mix, cancellationToken), entry.Cues, entry.GainDb);
            // A track that cannot be found leaves the mix: the join encodes it.
            if (entry.Track is not null && await assets.FindAsync(videoId, entry.Track, cancellationToken) is { } track)
                soundtrack = soundtrack with { Encoded = new EncodedSoundtrack(await assets.GetLocalFileAsync(track, cancellationToken), entry.TrackSeconds, entry.TrackBitrateKbps) };
            return soundtrack;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The prepared soundtrack {Key} of {VideoId} could not be read; it is made again", key, videoId);
            return null;
        }
    }

    /// <summary>Moves the mix (and its encoded track) into the store, then writes the JSON that makes it findable.</summary>
    public async Task StoreAsync(Guid videoId, string key, Soundtrack soundtrack, CancellationToken cancellationToken)
    {
        var run = $"soundtracks/{key}-{Guid.NewGuid().ToString("N")[..8]}";
        await assets.PutFileAsync(videoId, run + ".wav", soundtrack.WavFile, cancellationToken);
        var entry = new Entry(key, run + ".wav", soundtrack.Cues, soundtrack.GainDb);
        if (soundtrack.Encoded is { } encoded)
        {
            await assets.PutFileAsync(videoId, run + ".m4a", encoded.File, cancellationToken);
            entry = entry with { Track = run + ".m4a", TrackSeconds = encoded.Seconds, TrackBitrateKbps = encoded.BitrateKbps };
        }

        await assets.PutBytesAsync(videoId, JsonName(key), JsonSerializer.SerializeToUtf8Bytes(entry, Json), cancellationToken);
    }

    private static string JsonName(string key) => $"soundtracks/{key}.json";
}
