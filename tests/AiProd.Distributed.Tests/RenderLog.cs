using System.Text.RegularExpressions;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>What the render workers' logs say they rendered: the local renderer logs one line per finished shot.</summary>
internal static partial class RenderLog
{
    /// <summary>How many times each shot of <paramref name="videoId"/> was rendered to the end, across every render process.</summary>
    public static Dictionary<string, int> FinishedShots(Deployment deployment, Guid videoId)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var service in deployment.Of(ServiceRole.Render))
        {
            foreach (Match m in Finished().Matches(File.ReadAllText(service.LogFile)))
            {
                if (Guid.Parse(m.Groups["video"].Value) == videoId)
                    counts[m.Groups["shot"].Value] = counts.GetValueOrDefault(m.Groups["shot"].Value) + 1;
            }
        }

        return counts;
    }

    [GeneratedRegex(@"Rendered shot (?<shot>\S+) of (?<video>[0-9a-f-]{36}) locally")]
    private static partial Regex Finished();
}
