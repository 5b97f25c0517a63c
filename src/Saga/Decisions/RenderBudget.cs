namespace AiProd.Saga.Decisions;

/// <summary>How the unspent budget is shared among the shots sent to render, so each render worker can stop on its own.</summary>
public static class RenderBudget
{
    /// <summary>
    /// Each shot's allowance: <paramref name="unspentUsd"/> (never below 0) split in proportion to the shots' lengths,
    /// rounded down to 1/100 of a cent so the allowances never add up to more than what is left.
    /// </summary>
    public static IReadOnlyList<decimal> Share(decimal unspentUsd, IReadOnlyList<double> shotSeconds)
    {
        ArgumentNullException.ThrowIfNull(shotSeconds);
        var left = Math.Max(0m, unspentUsd);
        var total = shotSeconds.Sum(s => Math.Max(0, s));
        return [.. shotSeconds.Select(s => total <= 0
            ? Math.Round(left / shotSeconds.Count, 4, MidpointRounding.ToZero)
            : Math.Round(left * (decimal)(Math.Max(0, s) / total), 4, MidpointRounding.ToZero))];
    }
}
