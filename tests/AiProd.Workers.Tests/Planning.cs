using System.Text.Json;
using AiProd.Contracts;
using AiProd.Sanitizing;
using AiProd.Workers.Creative.Analysis;
using AiProd.Workers.Creative.Direction;
using AiProd.Workers.Creative.Visual;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests;

/// <summary>Runs the planning stages the way the pipeline does, for tests that need realistic inputs.</summary>
internal static class Planning
{
    public static readonly InputSanitizer Sanitizer = new(Options.Create(new SanitizerOptions()));

    public static readonly RequestAnalyzer Analyzer = new();

    public static readonly VisualTranslator Translator = new();

    public static RequestAnalysis Analyze(VideoRequest request) =>
        Analyzer.Analyze(new SanitizedRequest(request, 0, []));

    public static DirectCreative Command(VideoRequest request, int attempt = 1, RequestAnalysis? analysis = null, IReadOnlyList<string>? feedback = null, CreativeDirection? previous = null) =>
        new(Guid.Empty, attempt, request, analysis ?? Analyze(request), feedback is null ? null : Qa(feedback), previous);

    public static CreativeDirection Direct(VideoRequest request, int attempt = 1, RequestAnalysis? analysis = null, IReadOnlyList<string>? feedback = null, CreativeDirection? previous = null) =>
        OfflineCreativeDirector.Direct(Command(request, attempt, analysis, feedback, previous));

    public static IReadOnlyList<Shot> Shots(VideoRequest request) => Translator.Translate(request, Direct(request));

    public static RequestAnalysis WithScenes(int sceneCount, double complexity = 0.5) =>
        new(complexity, sceneCount, ["fox", "forest"], new Dictionary<string, double>());

    public static SemanticQaReport Qa(IReadOnlyList<string> feedback)
    {
        var score = new QaScore(5, "test");
        return new SemanticQaReport(score, score, score, score, 7, false, feedback, "offline-signals");
    }

    /// <summary>Records holding lists compare by reference; JSON compares what they say.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value);

    public static readonly string[] Prompts =
    [
        "A fox runs through a snowy forest at night",
        "Sunset over the ocean, then a sailor waves from a boat while gulls circle above the harbour",
        "A robot and a girl build a kite in the city, then fly it from a rooftop during a storm",
        "Calm lake",
        "Neon street at midnight: a detective walks, stops, looks up, and finally smiles as rain begins to fall",
    ];
}
