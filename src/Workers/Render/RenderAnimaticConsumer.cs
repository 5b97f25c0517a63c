using AiProd.Assets;
using AiProd.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Render;

/// <summary>
/// Makes the storyboard's animatic (<see cref="AnimaticMaker"/>) and stores it as <see cref="RenderAnimatic.AssetName"/>.
/// A preview only: a failure is logged and retried by the endpoint's policy, never reported to the saga, so it cannot
/// fail or delay the video. One already stored is kept (the command is delivered again after a restart).
/// </summary>
public sealed class RenderAnimaticConsumer(AnimaticMaker maker, IAssetStore assets, ILogger<RenderAnimaticConsumer> logger) : IConsumer<RenderAnimatic>
{
    public async Task Consume(ConsumeContext<RenderAnimatic> context)
    {
        var command = context.Message;
        var name = RenderAnimatic.AssetName(command.Version);
        if (command.Shots.Count == 0 || await assets.FindAsync(command.VideoId, name, context.CancellationToken) is not null)
            return;
        await using var work = await assets.OpenWorkAreaAsync(command.VideoId, $"animatic-v{command.Version}", context.CancellationToken);
        var file = Path.Combine(work.Folder, name);
        await maker.MakeAsync(command.Shots, file, context.CancellationToken);
        await assets.PutFileAsync(command.VideoId, name, file, context.CancellationToken);
        logger.LogInformation("Stored the animatic of {VideoId} version {Version} ({Shots} shots)", command.VideoId, command.Version, command.Shots.Count);
    }
}
