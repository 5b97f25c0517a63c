using AiProd.Orchestration;
using AiProd.Workers.Creative;
using AiProd.Workers.Delivery;
using AiProd.Workers.Financial;
using AiProd.Workers.Qa;
using AiProd.Workers.Render;
using Microsoft.Extensions.Hosting;

namespace AiProd.Embedded;

/// <summary>
/// Every role behind the gateway, by the name its service, topics and Kubernetes objects carry, with the one
/// registration its own service host makes. Embedded mode is their sum; <c>aiprod topology</c> reads each one's bus.
/// </summary>
public static class PipelineRoles
{
    public static IReadOnlyList<(string Name, Func<IHostApplicationBuilder, IHostApplicationBuilder> Add)> All { get; } =
    [
        ("orchestrator", b => b.AddOrchestrator()),
        ("creative-worker", b => b.AddCreativeWorker()),
        ("financial-worker", b => b.AddFinancialWorker()),
        ("render-worker", b => b.AddRenderWorker()),
        ("qa-worker", b => b.AddQaWorker()),
        ("delivery-worker", b => b.AddDeliveryWorker()),
    ];
}
