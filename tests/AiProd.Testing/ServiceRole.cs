namespace AiProd.Testing;

/// <summary>A deployable as the tests and the benches start it: its project (relative to <c>src/</c>, as <see cref="RepoPaths"/> resolves it) and entry assembly.</summary>
public sealed record ServiceRole(string Name, string Project, string Dll)
{
    public static readonly ServiceRole Gateway = new("gateway", "Gateway", "AiProd.Gateway.dll");
    public static readonly ServiceRole Orchestrator = new("orchestrator", "Orchestrator", "AiProd.Orchestrator.dll");
    public static readonly ServiceRole Creative = new("creative", "Workers/Creative.Service", "AiProd.Workers.Creative.Service.dll");
    public static readonly ServiceRole Financial = new("financial", "Workers/Financial.Service", "AiProd.Workers.Financial.Service.dll");
    public static readonly ServiceRole Render = new("render", "Workers/Render.Service", "AiProd.Workers.Render.Service.dll");
    public static readonly ServiceRole Qa = new("qa", "Workers/Qa.Service", "AiProd.Workers.Qa.Service.dll");
    public static readonly ServiceRole Delivery = new("delivery", "Workers/Delivery.Service", "AiProd.Workers.Delivery.Service.dll");

    /// <summary>The orchestrator and every worker role: what runs behind the gateway.</summary>
    public static readonly IReadOnlyList<ServiceRole> Pipeline = [Orchestrator, Creative, Financial, Render, Qa, Delivery];
}
