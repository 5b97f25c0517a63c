using AiProd.Contracts;
using AiProd.Workers.Render;

namespace AiProd.Workers.Tests.Consumers;

/// <summary>The real local renderer, counting how often it is asked to render.</summary>
internal sealed class CountingRenderer(LocalShotRenderer inner) : IShotRenderer
{
    public int Calls;

    public string Backend => inner.Backend;

    public string CacheIdentity => inner.CacheIdentity;

    public decimal QuoteUsd(Shot shot) => inner.QuoteUsd(shot);

    public Task<ShotRenderResult> RenderAsync(Guid videoId, Shot shot, string outputFile, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        return inner.RenderAsync(videoId, shot, outputFile, cancellationToken);
    }
}
