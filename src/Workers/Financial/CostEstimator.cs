using AiProd.Contracts;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Financial;

/// <summary>
/// Prices the shot plan on every enabled backend with <see cref="CostModel"/> and lets <see cref="BackendChooser"/>
/// pick. Pure: the same command and options always give the same decision.
/// </summary>
public sealed class CostEstimator(IOptions<FinancialOptions> options) : ICostEstimator
{
    private readonly FinancialOptions _options = options.Value;

    public CostDecision Estimate(EstimateCost command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameters = Parameters(command);
        var ranking = _options.Ranking.ToList();
        var quotes = _options.Enabled
            .OrderBy(b => ranking.IndexOf(b) is var i and >= 0 ? i : int.MaxValue)
            .Select(backend =>
            {
                var price = PricePerSecond(backend, command.Request.Resolution);
                var cost = CostModel.Cost(price, parameters with { BilledSeconds = BilledSeconds(command, backend) });
                return new BackendQuote(backend, price, cost, cost <= command.BudgetRemainingUsd);
            })
            .ToList();

        return BackendChooser.Choose(quotes, command.BudgetRemainingUsd, CostModel.Factors(parameters));
    }

    /// <summary>The model's inputs: complexity from the analysis, billed seconds from the shots, the rest from options.</summary>
    public CostParameters Parameters(EstimateCost command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var billed = CostModel.BilledSeconds(command.Shots.Select(s => s.DurationSeconds), command.Request.DurationSeconds, _options.BillWholeSecondsPerShot);
        return new CostParameters(
            command.Analysis.Complexity, billed, _options.Quantization, _options.GpuTier, _options.BatchSize, _options.GpuCount,
            _options.Framework, _options.UseSpot, _options.ComplexityWeight, _options.BatchEfficiency, _options.ParallelEfficiency, _options.SpotDiscount);
    }

    /// <summary>
    /// What <paramref name="backend"/> charges for the shot plan: whole clips where it makes fixed lengths, else the
    /// shots' seconds. Without a plan (no shots) the requested duration stands in, by the second.
    /// </summary>
    public double BilledSeconds(EstimateCost command, string backend)
    {
        var clips = _options.ClipLengths(backend);
        return clips is { Count: > 0 } && command.Shots.Count > 0
            ? CostModel.BilledSecondsInClips(command.Shots.Select(s => s.DurationSeconds), clips)
            : CostModel.BilledSeconds(command.Shots.Select(s => s.DurationSeconds), command.Request.DurationSeconds, _options.BillWholeSecondsPerShot);
    }

    /// <summary>The resolution-specific price ("replicate-wan25@1080p") when configured, else the backend's price.</summary>
    public decimal PricePerSecond(string backend, string resolution) =>
        _options.PriceOf(backend, resolution)
        ?? throw new InvalidOperationException($"Backend '{backend}' is enabled but has no price in Financial:PricesPerSecondUsd.");
}
