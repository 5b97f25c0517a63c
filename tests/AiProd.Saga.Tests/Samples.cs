using AiProd.Contracts;

namespace AiProd.Saga.Tests;

/// <summary>Step results as the workers would publish them.</summary>
internal static class Samples
{
    public static VideoRequest Request(decimal budget = 5m) => new("A lighthouse at dusk, waves crashing", 10, "16:9", "720p", budget, 24);

    public static SanitizedRequest Sanitized(VideoRequest request) => new(request, 0.02, []);

    public static RequestAnalysis Analysis(int scenes = 2) =>
        new(0.4, scenes, ["lighthouse", "waves"], new Dictionary<string, double> { ["length"] = 0.2 });

    public static CreativeDirection Direction(int attempt, int scenes = 2) => new(
        attempt,
        "Lighthouse",
        [.. Enumerable.Range(0, scenes).Select(i => new Scene(i, i == 0 ? "setup" : "resolution", $"scene {i}", "slow push-in", "golden hour", "serene", 10.0 / scenes))],
        []);

    public static List<Shot> Shots(int attempt, int count)
    {
        var spec = new ShotSpec(1280, 720, 24, "#ff8800", "#002244", 0.7, 0.5, "waves", "Lighthouse");
        return [.. Enumerable.Range(0, count).Select(i => new Shot(
            $"c{attempt}-s00-sh{i:00}", 0, i, $"shot {i}", "wide", "push in", i == count - 1 ? "cut" : "fade",
            ["start", "middle", "end"], 10.0 / count, spec))];
    }

    public static CostEstimate Estimate(decimal usd = 0.02m) =>
        new(usd, "local", ["local"], [new BackendQuote("local", 0.001m, usd, true)], new Dictionary<string, double>());

    public static RenderedShot Rendered(Shot shot, int attempt, decimal cost = 0.01m) =>
        new(shot.ShotId, $"file:///tmp/{shot.ShotId}-a{attempt}.mp4", shot.DurationSeconds, "local", cost, attempt);

    public static TechnicalQaReport TechPass() => new(true, 10, 10, [], [], [], []);

    public static TechnicalQaReport TechFail(params string[] suspects) =>
        new(false, 9, 10, [], [new QaDefect("black", 0, 1.5, true)], ["a black segment of 1.5 s at 0.0 s"], suspects);

    public static SemanticQaReport Semantic(double overall) => new(
        new QaScore(overall, "test"), new QaScore(overall, "test"), new QaScore(overall, "test"), new QaScore(overall, "test"),
        7.0, overall >= 7.0, overall >= 7.0 ? [] : ["more-motion: the picture barely moves"], "test");
}
