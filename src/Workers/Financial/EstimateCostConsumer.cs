using AiProd.Contracts;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Financial;

/// <summary>Financial worker: prices the plan and picks the backends, or refuses with the numbers.</summary>
public sealed class EstimateCostConsumer(ICostEstimator estimator, ILogger<EstimateCostConsumer> logger)
    : VideoStepConsumer<EstimateCost>(logger)
{
    protected override Task Handle(ConsumeContext<EstimateCost> context)
    {
        var m = context.Message;
        var decision = estimator.Estimate(m);
        return decision.Estimate is { } estimate
            ? context.Publish(new CostEstimated(m.VideoId, m.Attempt, estimate))
            : context.Publish(new BudgetExceeded(m.VideoId, m.Attempt, m.BudgetRemainingUsd, decision.CheapestUsd, decision.Options, decision.Message));
    }
}
