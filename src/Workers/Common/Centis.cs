namespace AiProd.Workers.Common;

/// <summary>
/// Splits a length into parts in whole hundredths of a second. Working in integers is what makes the parts add up
/// exactly: rounding each part as a double would drift by a few hundredths over ten scenes.
/// </summary>
public static class Centis
{
    /// <summary>Seconds to whole hundredths (2.345 → 235).</summary>
    public static int From(double seconds) => (int)Math.Round(seconds * 100, MidpointRounding.AwayFromZero);

    /// <summary>Hundredths back to seconds, rounded to two decimals so the double prints as it reads.</summary>
    public static double ToSeconds(int centis) => Math.Round(centis / 100.0, 2);

    /// <summary>
    /// Splits <paramref name="total"/> hundredths into one part per weight: every part gets <paramref name="minimum"/>,
    /// the rest is shared by weight (rounded down) and the remainder goes to the last part.
    /// </summary>
    /// <exception cref="ArgumentException">When the parts cannot all reach the minimum.</exception>
    public static IReadOnlyList<int> Split(int total, IReadOnlyList<double> weights, int minimum)
    {
        ArgumentOutOfRangeException.ThrowIfZero(weights.Count);
        var spare = total - (minimum * weights.Count);
        if (spare < 0)
        {
            throw new ArgumentException($"{total / 100.0:0.00} s cannot hold {weights.Count} parts of at least {minimum / 100.0:0.00} s.", nameof(total));
        }

        var weightSum = weights.Sum();
        var parts = new int[weights.Count];
        var used = 0;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            parts[i] = minimum + (int)Math.Floor(spare * weights[i] / weightSum);
            used += parts[i];
        }

        parts[^1] = total - used;
        return parts;
    }
}
