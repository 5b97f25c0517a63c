using AiProd.Contracts;
using AiProd.Orchestration;

namespace AiProd.Bench.Scaling;

/// <summary>What the bench reads of a video, from the gateway's <c>GET /v1/videos/{id}</c> or from the in-process status reader.</summary>
internal sealed record BenchVideo(Guid Id, string State, VideoError? Error, IReadOnlyList<StageRecord> History)
{
    public bool Finished => State is VideoStages.Complete or VideoStages.Failed;

    public static BenchVideo From(VideoStatus status) => new(status.Id, status.State, status.Error, status.History);
}
