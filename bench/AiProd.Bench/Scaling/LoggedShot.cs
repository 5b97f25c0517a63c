using System.Globalization;
using System.Text.RegularExpressions;
using AiProd.Testing;

namespace AiProd.Bench.Scaling;

/// <summary>One shot as a fixed-time render worker logged it (<see cref="FixedTimeShotRenderer"/>): where and when it was rendered.</summary>
internal sealed partial record LoggedShot(string Worker, Guid VideoId, string ShotId, DateTimeOffset Started, DateTimeOffset Finished)
{
    /// <summary>Every shot the workers logged so far, from their log files.</summary>
    public static IReadOnlyList<LoggedShot> Read(IEnumerable<ServiceProcess> workers)
    {
        var shots = new List<LoggedShot>();
        foreach (var worker in workers)
        {
            // The worker is still running and writing: share the file.
            using var stream = new FileStream(worker.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            foreach (Match m in Line().Matches(reader.ReadToEnd()))
            {
                shots.Add(new LoggedShot(
                    worker.Name,
                    Guid.Parse(m.Groups["video"].Value),
                    m.Groups["shot"].Value,
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(m.Groups["start"].Value, CultureInfo.InvariantCulture)),
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture))));
            }
        }

        return shots;
    }

    [GeneratedRegex(@"Bench rendered shot (?<shot>\S+) of (?<video>[0-9a-f-]{36}): .*? from (?<start>\d+) to (?<end>\d+) Unix ms")]
    private static partial Regex Line();
}
