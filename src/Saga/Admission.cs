using AiProd.Contracts;
using MassTransit;

namespace AiProd.Saga;

/// <summary>How a <see cref="GenerateVideo"/> starts a video, or fails it at once when it cannot.</summary>
internal static class Admission
{
    /// <summary>Keeps the request as submitted, opens the history and enters InputSanitizer.</summary>
    public static EventActivityBinder<VideoState, GenerateVideo> Start(this EventActivityBinder<VideoState, GenerateVideo> binder, VideoStateMachine machine) =>
        binder
            .Then(c =>
            {
                Admit(c, machine);
                c.Saga.Submitted = c.Message.Request;
                c.Saga.Request = c.Message.Request;
            })
            .EnterStage(machine.InputSanitizer, c => "request accepted");

    /// <summary>A message without a request: the video fails in InputSanitizer with <c>request_missing</c>, nothing is sent to a worker.</summary>
    public static EventActivityBinder<VideoState, GenerateVideo> Reject(this EventActivityBinder<VideoState, GenerateVideo> binder, VideoStateMachine machine) =>
        binder
            .Then(c => Admit(c, machine))
            .FailWith(machine.Failed, c => new VideoError(
                VideoStages.InputSanitizer,
                "request_missing",
                "The GenerateVideo message has no 'request' (prompt, duration, budget, format); send it again with one.",
                Retryable: false));

    private static void Admit(BehaviorContext<VideoState, GenerateVideo> c, VideoStateMachine machine)
    {
        c.Saga.Owner ??= c.Message.Owner;
        if (c.Saga.CreatedAt == default)
            c.Saga.CreatedAt = c.Message.RequestedAt ?? machine.Time.GetUtcNow();
        if (c.Saga.History.Count == 0)
            StageLog.Enter(c.Saga, VideoStages.Init, null, c.Saga.CreatedAt);
    }
}
