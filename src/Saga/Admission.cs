using AiProd.Contracts;
using AiProd.Saga.Outbox;
using MassTransit;

namespace AiProd.Saga;

/// <summary>How a <see cref="GenerateVideo"/> starts a video, or fails it at once when it cannot.</summary>
internal static class Admission
{
    /// <summary>Keeps the request as submitted, drops this message from the outbox it was stored in, opens the history and enters InputSanitizer.</summary>
    public static EventActivityBinder<VideoState, GenerateVideo> Start(this EventActivityBinder<VideoState, GenerateVideo> binder, VideoStateMachine machine) =>
        binder
            .Then(c =>
            {
                // A video the gateway stored in Accepted holds this very message in its outbox (VideoSubmissions sends it
                // with the entry's id and leaves it): this save drops it, so the submission needs no write after its send.
                if (c.MessageId is { } messageId)
                    SagaOutbox.Remove(c.Saga, [messageId]);
                c.Saga.Owner ??= c.Message.Owner;
                c.Saga.CreatedAt = c.Saga.CreatedAt == default ? c.Message.RequestedAt ?? machine.Time.GetUtcNow() : c.Saga.CreatedAt;
                Admit(c.Saga, machine);
                c.Saga.Submitted = c.Message.Request;
                c.Saga.Request = c.Message.Request;
            })
            .EnterStage(machine.InputSanitizer, c => "request accepted");

    /// <summary>
    /// A video stored in Accepted whose GenerateVideo died with a transport that keeps nothing (the in-memory bus,
    /// killed after the send): the resume after the restart starts it from the request it was stored with.
    /// </summary>
    public static EventActivityBinder<VideoState, VideoResumeRequested> StartStored(this EventActivityBinder<VideoState, VideoResumeRequested> binder, VideoStateMachine machine) =>
        binder
            .Then(c => Admit(c.Saga, machine))
            .EnterStage(machine.InputSanitizer, c => "request accepted");

    /// <summary>A message without a request: the video fails in InputSanitizer with <c>request_missing</c>, nothing is sent to a worker.</summary>
    public static EventActivityBinder<VideoState, GenerateVideo> Reject(this EventActivityBinder<VideoState, GenerateVideo> binder, VideoStateMachine machine) =>
        binder
            .Then(c =>
            {
                c.Saga.Owner ??= c.Message.Owner;
                Admit(c.Saga, machine);
            })
            .FailWith(machine.Failed, c => new VideoError(
                VideoStages.InputSanitizer,
                "request_missing",
                "The GenerateVideo message has no 'request' (prompt, duration, budget, format); send it again with one.",
                Retryable: false));

    private static void Admit(VideoState video, VideoStateMachine machine)
    {
        if (video.CreatedAt == default)
            video.CreatedAt = machine.Time.GetUtcNow();
        if (video.History.Count == 0)
            StageLog.Enter(video, VideoStages.Init, null, video.CreatedAt);
    }
}
