using System.Globalization;
using System.Text.RegularExpressions;

namespace AiProd.EndToEnd.Tests.Monitoring;

/// <summary>One scrape of a /metrics page in Prometheus's text format: every series with its labels and value.</summary>
internal sealed partial class PrometheusScrape
{
    private PrometheusScrape(IReadOnlyList<Series> series) => All = series;

    public IReadOnlyList<Series> All { get; }

    public static PrometheusScrape Parse(string text)
    {
        var series = new List<Series>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var m = Line().Match(line);
            if (!m.Success)
                continue;
            var labels = Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["k"].Value, l => l.Groups["v"].Value, StringComparer.Ordinal);
            var value = double.Parse(m.Groups["value"].Value.Replace("+Inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            series.Add(new Series(m.Groups["name"].Value, labels, value));
        }

        return new PrometheusScrape(series);
    }

    public IEnumerable<Series> Named(string name) => All.Where(s => s.Name == name);

    public sealed record Series(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex Line();

    [GeneratedRegex(@"(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<v>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
