namespace AiProd.Contracts;

/// <summary>
/// The receive endpoint of each role: the saga sends every command to its role's endpoint (a Pub/Sub topic and a
/// subscription of the same name, created by the sender too, so a command waits there for a worker that is not
/// running yet). Each worker role consumes all of its commands on that one endpoint, which is also what its
/// autoscaler watches. One name per role in code, topics, Kubernetes and docs.
/// </summary>
public static class RoleEndpoints
{
    public const string Saga = "video-saga";
    public const string Creative = "creative-worker";
    public const string Financial = "financial-worker";
    public const string Render = "render-worker";
    public const string Qa = "qa-worker";
    public const string Delivery = "delivery-worker";

    /// <summary>MassTransit's short address of the saga's endpoint (where <see cref="GenerateVideo"/> is sent).</summary>
    public static Uri SagaAddress => new($"queue:{Saga}");

    /// <summary>The worker roles, in pipeline order.</summary>
    public static readonly IReadOnlyList<string> Workers = [Creative, Financial, Render, Qa, Delivery];

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
        [typeof(PrepareSoundtrack)] = Render,
        [typeof(RenderAnimatic)] = Render,
        [typeof(RunTechnicalQa)] = Qa,
        [typeof(RunSemanticQa)] = Qa,
        [typeof(FinalizeVideo)] = Delivery,
    };

    /// <summary>The endpoint that consumes <paramref name="command"/>.</summary>
    /// <exception cref="ArgumentException">The type is not a pipeline command.</exception>
    public static string For(Type command) =>
        Commands.TryGetValue(command, out var name) ? name : throw new ArgumentException($"{command.Name} is not a command of the pipeline; it has no role endpoint.", nameof(command));

    /// <summary>MassTransit's short address of the endpoint that consumes <paramref name="command"/>.</summary>
    public static Uri AddressFor(Type command) => new($"queue:{For(command)}");
}
