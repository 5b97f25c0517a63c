using AiProd.Contracts;
using AiProd.Providers.Gemini;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Direction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Creative.Gemini;

/// <summary>Gemini directs; when it fails and configuration allows, the offline director does, and the notes say so.</summary>
public sealed class GeminiOrOfflineDirector(
    GeminiCreativeDirector gemini, OfflineCreativeDirector offline, IOptions<GeminiOptions> options, ILogger<GeminiOrOfflineDirector> logger) : ICreativeDirector
{
    public async Task<CreativeDirection> DirectAsync(DirectCreative command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await gemini.DirectAsync(command, cancellationToken);
        }
        catch (StepException ex) when (OfflineFallback.Applies(options.Value, ex))
        {
            logger.LogWarning("Gemini failed to direct video {VideoId} ({Code}: {Reason}); the offline director takes over", command.VideoId, ex.Code, ex.Message);
            var direction = await offline.DirectAsync(command, cancellationToken);
            return direction with { Notes = [$"offline director took over: gemini failed ({ex.Code}).", .. direction.Notes] };
        }
    }
}
