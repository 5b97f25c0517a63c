namespace AiProd.Contracts;

/// <summary>
/// The public contract on the bus: what other systems publish (<see cref="GenerateVideo"/>, <see cref="ApproveVideo"/>,
/// <see cref="RejectVideo"/>) and the events they
/// follow. Their topics are created when the services start, so a subscription can be made on a fresh deployment.
/// </summary>
public static class PublicTopics
{
    public static readonly Type[] All =
    [
        typeof(GenerateVideo), typeof(ApproveVideo), typeof(RejectVideo),
        typeof(VideoStateChanged), typeof(VideoCompleted), typeof(VideoFailed),
        typeof(ApprovalRequested), typeof(VideoApproved), typeof(VideoRejected),
        typeof(EditPlan), typeof(PlanEdited),
    ];
}
