namespace AiProd.Contracts;

/// <summary>
/// The receive endpoint of each role, by name: the saga sends every command to its role's endpoint (MassTransit
/// address <c>queue:{name}</c>), where it waits for a worker even if none is running yet; events are published.
/// Workers configure their consumers on these names, and the saga's own endpoint is <see cref="Saga"/>.
/// </summary>
public static class ServiceEndpoints
{
    public const string Creative = "creative";
    public const string Financial = "financial";
    public const string Render = "render";
    public const string Qa = "qa";
    public const string Delivery = "delivery";

    /// <summary>The saga's endpoint: step events, scheduled step deadlines, resume requests.</summary>
    public const string Saga = "video-saga";

    /// <summary>Every command the saga sends, with the endpoint of the role that consumes it.</summary>
    public static IReadOnlyDictionary<Type, string> Commands { get; } = new Dictionary<Type, string>
    {
        [typeof(SanitizeInput)] = Creative,
        [typeof(AnalyzeRequest)] = Creative,
        [typeof(DirectCreative)] = Creative,
        [typeof(TranslateVisuals)] = Creative,
        [typeof(EstimateCost)] = Financial,
        [typeof(RenderShot)] = Render,
        [typeof(ComposeVideo)] = Render,
        [typeof(RunTechnicalQa)] = Qa,
        [typeof(RunSemanticQa)] = Qa,
        [typeof(FinalizeVideo)] = Delivery,
    };

    /// <summary>The endpoint name of the role that consumes <paramref name="commandType"/>.</summary>
    public static string For(Type commandType) =>
        Commands.TryGetValue(commandType, out var name)
            ? name
            : throw new ArgumentException($"{commandType.Name} is not a command of the pipeline; it has no role endpoint.", nameof(commandType));
}
