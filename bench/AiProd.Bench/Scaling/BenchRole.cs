namespace AiProd.Bench.Scaling;

/// <summary>A deployable the scaling bench runs: its project (relative to <c>src/</c>, as <c>AiProd.Testing.RepoPaths</c> resolves it) and entry assembly.</summary>
internal sealed record BenchRole(string Name, string Project, string Dll)
{
    public static readonly BenchRole Gateway = new("gateway", "Gateway", "AiProd.Gateway.dll");
    public static readonly BenchRole Orchestrator = new("orchestrator", "Orchestrator", "AiProd.Orchestrator.dll");
    public static readonly BenchRole Creative = new("creative", "Workers/Creative.Service", "AiProd.Workers.Creative.Service.dll");
    public static readonly BenchRole Financial = new("financial", "Workers/Financial.Service", "AiProd.Workers.Financial.Service.dll");
    public static readonly BenchRole Qa = new("qa", "Workers/Qa.Service", "AiProd.Workers.Qa.Service.dll");
    public static readonly BenchRole Delivery = new("delivery", "Workers/Delivery.Service", "AiProd.Workers.Delivery.Service.dll");

    /// <summary>This bench's own executable (<c>render-worker</c>), built beside it: <c>src/../bench/AiProd.Bench</c>.</summary>
    public static readonly BenchRole Render = new("render", Path.Combine("..", "bench", "AiProd.Bench"), "AiProd.Bench.dll");

    /// <summary>The roles behind the gateway that the bench does not scale; render workers come on top.</summary>
    public static readonly IReadOnlyList<BenchRole> Fixed = [Orchestrator, Creative, Financial, Qa, Delivery];
}
