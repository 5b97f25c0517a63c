using System.Text.RegularExpressions;

namespace AiProd.EndToEnd.Tests.Monitoring;

/// <summary>The rules of <c>k8s/monitoring/rules.yaml</c>: each alert's or record's name and its <c>expr: |-</c> block.</summary>
internal static partial class MonitoringRules
{
    public static IReadOnlyList<(string Name, string Expression)> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var rules = new List<(string, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var named = Name().Match(lines[i]);
            if (!named.Success)
                continue;
            var expr = Array.FindIndex(lines, i + 1, l => l.TrimStart().StartsWith("expr:", StringComparison.Ordinal));
            var indent = lines[expr].Length - lines[expr].TrimStart().Length;
            var body = lines.Skip(expr + 1).TakeWhile(l => l.Length - l.TrimStart().Length > indent).Select(l => l.Trim());
            rules.Add((named.Groups["name"].Value, string.Join(' ', body)));
        }

        return rules;
    }

    [GeneratedRegex(@"^\s*- (?:alert|record): (?<name>\S+)")]
    private static partial Regex Name();
}
