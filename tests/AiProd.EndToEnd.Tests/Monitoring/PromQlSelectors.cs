using System.Globalization;
using System.Text.RegularExpressions;

namespace AiProd.EndToEnd.Tests.Monitoring;

/// <summary>
/// What a PromQL expression reads: its metric selectors (name and label matchers), the labels it groups by, and the
/// thresholds of <c>histogram_quantile(...) &gt; N</c> comparisons. Enough of PromQL for our own rules, no more.
/// </summary>
internal static partial class PromQlSelectors
{
    private static readonly HashSet<string> Keywords = ["by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset"];

    public static IReadOnlyList<Selector> Of(string expression)
    {
        var text = Range().Replace(expression, string.Empty);
        text = Grouping().Replace(text, " ");
        var selectors = new List<Selector>();
        foreach (Match m in Identifier().Matches(text))
        {
            var name = m.Groups["name"].Value;
            var after = text[(m.Index + m.Length)..].TrimStart();
            if (Keywords.Contains(name) || (after.StartsWith('(') && !m.Groups["matchers"].Success))
                continue;
            var matchers = Matcher().Matches(m.Groups["matchers"].Value)
                .Select(x => new LabelMatcher(x.Groups["label"].Value, x.Groups["op"].Value, x.Groups["value"].Value))
                .ToList();
            selectors.Add(new Selector(name, matchers));
        }

        return selectors;
    }

    public static IReadOnlyList<string> GroupedBy(string expression) =>
        [.. Grouping().Matches(expression).SelectMany(m => m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct()];

    /// <summary>The N of each <c>histogram_quantile(q, … name_bucket …) &gt; N</c>: a bucket bound must sit there.</summary>
    public static IEnumerable<(string Bucket, double Threshold)> QuantileThresholds(string expression) =>
        Quantile().Matches(expression).Select(m => (m.Groups["bucket"].Value, double.Parse(m.Groups["threshold"].Value, CultureInfo.InvariantCulture)));

    public sealed record Selector(string Metric, IReadOnlyList<LabelMatcher> Matchers);

    public sealed record LabelMatcher(string Label, string Operator, string Value);

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(?:by|without)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w""=~!.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(?<matchers>[^}]*)\})?")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*""(?<value>[^""]*)""")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"histogram_quantile\([^,]+,.*?(?<bucket>[a-zA-Z_:][a-zA-Z0-9_:]*_bucket).*\)\s*>\s*(?<threshold>[0-9.]+)", RegexOptions.Singleline)]
    private static partial Regex Quantile();
}
