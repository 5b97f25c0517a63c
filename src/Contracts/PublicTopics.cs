namespace AiProd.Contracts;

/// <summary>
/// The public contract on the bus: what other systems publish (<see cref="GenerateVideo"/>) and the events they
/// follow. Their topics are created when the services start, so a subscription can be made on a fresh deployment.
/// </summary>
public static class PublicTopics
{
    public static readonly Type[] All = [typeof(GenerateVideo), typeof(VideoStateChanged), typeof(VideoCompleted), typeof(VideoFailed)];
}
