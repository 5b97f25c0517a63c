using AiProd.Assets;
using AiProd.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Soundtracks;

/// <summary>
/// Makes a video's soundtrack while its shots render (<see cref="PrepareSoundtrack"/>) and stores it for the composer
/// (<see cref="PreparedSoundtracks"/>), with the delivery's audio track already encoded from it for the stream-copy
/// join to copy. Only a head start: one already stored is kept, and any failure is logged and
/// swallowed — never retried, never reported — since the composer makes the soundtrack itself when none is stored.
/// <see cref="RenderOptions.PrepareSoundtrack"/> false turns it off.
/// </summary>
public sealed class PrepareSoundtrackConsumer(
    SoundtrackMaker maker, PreparedSoundtracks soundtracks, IAssetStore assets, IOptions<RenderOptions> options, ILogger<PrepareSoundtrackConsumer> logger)
    : IConsumer<PrepareSoundtrack>
{
    public async Task Consume(ConsumeContext<PrepareSoundtrack> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        if (m.Shots.Count == 0 || !options.Value.PrepareSoundtrack)
            return;
        var shots = m.Shots.OrderBy(s => s.Order).ToList();
        var key = soundtracks.KeyOf(m.Request, shots);
        try
        {
            if (await soundtracks.ExistsAsync(m.VideoId, key, ct))
                return;
            await using var area = await assets.OpenWorkAreaAsync(m.VideoId, $"soundtrack-{key}", ct);
            var plan = CompositionPlan.For(shots, CompositionPlan.FrameRateOf(m.Request, shots));
            var soundtrack = await maker.MakeAsync(m.Request, shots, plan, Path.Combine(area.Folder, "soundtrack"), [], ct);
            // The delivery's audio track too, unless subtitles are burned in (that compose encodes everything once).
            if (!m.Request.BurnSubtitles && options.Value.Compose == ComposeMode.Copy)
                soundtrack = soundtrack with { Encoded = await maker.EncodeAsync(soundtrack, plan.TotalSeconds, Path.Combine(area.Folder, "soundtrack.m4a"), ct) };
            await soundtracks.StoreAsync(m.VideoId, key, soundtrack, ct);
            logger.LogInformation("Prepared the soundtrack {Key} of {VideoId} ({Lines} narration line(s))", key, m.VideoId, soundtrack.Cues.Count);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The soundtrack {Key} of {VideoId} could not be prepared; the composer will make it", key, m.VideoId);
        }
    }
}
