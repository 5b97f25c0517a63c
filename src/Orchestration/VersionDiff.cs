using AiProd.Contracts;

namespace AiProd.Orchestration;

/// <summary>One field that differs between two versions: where (<c>scenes[1].camera</c>), before and after.</summary>
public sealed record FieldChange(string Path, string? From, string? To);

/// <summary>What changed from one version to another: scenes and shots field by field, estimate, cost and QA.</summary>
/// <param name="From">The older version's number.</param>
/// <param name="To">The newer version's number.</param>
/// <param name="Changes">Every differing field, scenes first, then shots (matched by their order in the plan), then the figures.</param>
public sealed record VersionDiff(int From, int To, IReadOnlyList<FieldChange> Changes)
{
    public static VersionDiff Between(VersionView from, VersionView to)
    {
        var changes = new List<FieldChange>();
        Compare(changes, "title", from.Direction?.Title, to.Direction?.Title);
        var (a, b) = (from.Direction?.Scenes ?? [], to.Direction?.Scenes ?? []);
        Compare(changes, "scenes.count", a.Count, b.Count);
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var (x, y) = (i < a.Count ? a[i] : null, i < b.Count ? b[i] : null);
            Compare(changes, $"scenes[{i}].description", x?.Description, y?.Description);
            Compare(changes, $"scenes[{i}].camera", x?.Camera, y?.Camera);
            Compare(changes, $"scenes[{i}].lighting", x?.Lighting, y?.Lighting);
            Compare(changes, $"scenes[{i}].mood", x?.Mood, y?.Mood);
            Compare(changes, $"scenes[{i}].durationSeconds", x?.DurationSeconds, y?.DurationSeconds);
        }

        var (s, t) = (from.Shots.OrderBy(x => x.Order).ToList(), to.Shots.OrderBy(x => x.Order).ToList());
        Compare(changes, "shots.count", s.Count, t.Count);
        for (var i = 0; i < Math.Max(s.Count, t.Count); i++)
        {
            var (x, y) = (i < s.Count ? s[i] : null, i < t.Count ? t[i] : null);
            Compare(changes, $"shots[{i}].description", x?.Description, y?.Description);
            Compare(changes, $"shots[{i}].framing", x?.Framing, y?.Framing);
            Compare(changes, $"shots[{i}].movement", x?.Movement, y?.Movement);
            Compare(changes, $"shots[{i}].durationSeconds", x?.DurationSeconds, y?.DurationSeconds);
        }

        Compare(changes, "estimate.estimatedUsd", from.Estimate?.EstimatedUsd, to.Estimate?.EstimatedUsd);
        Compare(changes, "estimate.backend", from.Estimate?.Backend, to.Estimate?.Backend);
        Compare(changes, "costUsd", from.CostUsd, to.CostUsd);
        Compare(changes, "technicalQa.passedChecks", from.TechnicalQa?.PassedChecks, to.TechnicalQa?.PassedChecks);
        Compare(changes, "semanticQa.overall", from.SemanticQa?.Overall.Score, to.SemanticQa?.Overall.Score);
        return new VersionDiff(from.Number, to.Number, changes);
    }

    private static void Compare<T>(List<FieldChange> changes, string path, T? from, T? to)
    {
        var (a, b) = (Text(from), Text(to));
        if (!string.Equals(a, b, StringComparison.Ordinal))
            changes.Add(new FieldChange(path, a, b));
    }

    private static string? Text<T>(T? value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
