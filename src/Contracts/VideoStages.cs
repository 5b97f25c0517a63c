namespace AiProd.Contracts;

/// <summary>The saga's state names, as they appear in events, the status API and the manifest.</summary>
public static class VideoStages
{
    public const string Init = nameof(Init);
    public const string InputSanitizer = nameof(InputSanitizer);
    public const string Analysis = nameof(Analysis);
    public const string Creative = nameof(Creative);
    public const string Visual = nameof(Visual);
    public const string Financial = nameof(Financial);
    public const string Render = nameof(Render);
    public const string QaTech = nameof(QaTech);
    public const string QaSemantic = nameof(QaSemantic);
    public const string Finalize = nameof(Finalize);

    /// <summary>Optional: waits for the request's approvers, after Financial (storyboard) or after QaSemantic (final).</summary>
    public const string AwaitingApproval = nameof(AwaitingApproval);
    public const string Complete = nameof(Complete);
    public const string Failed = nameof(Failed);

    /// <summary>The pipeline order, from <see cref="Init"/> to <see cref="Complete"/>.</summary>
    public static readonly IReadOnlyList<string> Ordered =
        [Init, InputSanitizer, Analysis, Creative, Visual, Financial, Render, QaTech, QaSemantic, Finalize, Complete];

    /// <summary>Every state a video can be in: <see cref="Ordered"/>, <see cref="AwaitingApproval"/> and <see cref="Failed"/>.</summary>
    public static readonly IReadOnlyList<string> All = [.. Ordered, AwaitingApproval, Failed];
}
