namespace AiProd.Cli.Remote;

/// <summary>What one load test does: how many videos, how many at once, for how long at most, and the request each sends.</summary>
public sealed record LoadTestOptions(int Requests, int Concurrency, TimeSpan Duration, string Prompt, double VideoSeconds, TimeSpan PollInterval)
{
    public const int MaxRequests = 10_000;
    public const int MaxConcurrency = 256;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(2);

    /// <summary>The problems with these options, each naming its option; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Requests is < 1 or > MaxRequests)
            problems.Add($"--requests: a whole number from 1 to {MaxRequests}.");
        if (Concurrency is < 1 or > MaxConcurrency)
            problems.Add($"--concurrency: a whole number from 1 to {MaxConcurrency}.");
        if (Duration <= TimeSpan.Zero || Duration > MaxDuration)
            problems.Add($"--duration: seconds, more than 0 and at most {MaxDuration.TotalSeconds:0}.");
        if (VideoSeconds is < 1 or > 60)
            problems.Add("--video-duration: seconds from 1 to 60.");
        if (string.IsNullOrWhiteSpace(Prompt))
            problems.Add("--prompt: must not be empty.");
        return problems;
    }
}
