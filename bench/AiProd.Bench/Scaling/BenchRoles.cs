using AiProd.Testing;

namespace AiProd.Bench.Scaling;

/// <summary>The roles as the scaling bench runs them: every fixed role as deployed, the render worker as this bench's own executable.</summary>
internal static class BenchRoles
{
    /// <summary>This bench's own executable (<c>render-worker</c>), built beside it: <c>src/../bench/AiProd.Bench</c>.</summary>
    public static readonly ServiceRole Render = new("render", Path.Combine("..", "bench", "AiProd.Bench"), "AiProd.Bench.dll");

    /// <summary>The roles behind the gateway that the bench does not scale; render workers come on top.</summary>
    public static readonly IReadOnlyList<ServiceRole> Fixed = [ServiceRole.Orchestrator, ServiceRole.Creative, ServiceRole.Financial, ServiceRole.Qa, ServiceRole.Delivery];
}
