using AiProd.Contracts;
using AiProd.Providers.Gemini;
using AiProd.Providers.Http;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Direction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Creative.Gemini;

/// <summary>
/// Creative direction by Gemini: the prompt from <see cref="DirectionPrompt"/> (with the previous attempt's QA
/// scores, reasons and feedback), a JSON answer constrained by its schema, checked by <see cref="DirectionReader"/>.
/// Any failure is a <see cref="StepException"/> of the Creative stage with the provider's code.
/// </summary>
public sealed class GeminiCreativeDirector(GeminiClient client, IOptions<GeminiOptions> options, ILogger<GeminiCreativeDirector> logger) : ICreativeDirector
{
    public async Task<CreativeDirection> DirectAsync(DirectCreative command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var o = options.Value;
        try
        {
            var direction = await client.GenerateAsync(
                "direction", DirectionPrompt.Build(command, o), answer => DirectionReader.Read(answer, command, o.Model), cancellationToken);
            logger.LogInformation(
                "Gemini directed video {VideoId} attempt {Attempt}: {Scenes} scene(s), \"{Title}\"", command.VideoId, command.Attempt, direction.Scenes.Count, direction.Title);
            return direction;
        }
        catch (ProviderException ex)
        {
            throw new StepException(VideoStages.Creative, ex.Code, $"Gemini could not direct the video: {ex.Message}", ex.Retryable, ex);
        }
        catch (DirectionRejectedException ex)
        {
            throw new StepException(VideoStages.Creative, "invalid_direction", $"Gemini's direction cannot be used: {ex.Message}", retryable: true, ex);
        }
    }
}
