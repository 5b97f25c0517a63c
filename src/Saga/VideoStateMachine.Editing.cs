using AiProd.Contracts;
using AiProd.Saga.Decisions;
using AiProd.Saga.Outbox;
using MassTransit;

namespace AiProd.Saga;

/// <summary>
/// Editing the plan (<see cref="EditPlan"/>) of a video that waits for approval or is complete: the current version is
/// kept as it was, the edit becomes the next version, and the video restarts at the earliest stage the edit affects
/// (<see cref="PlanEdits"/>). Shots the edit did not change keep their clips, so Render sends only the changed ones.
/// </summary>
public sealed partial class VideoStateMachine
{
    public Event<EditPlan> EditPlan { get; private set; } = null!;

    private void DuringEditing()
    {
        Event(() => EditPlan, e =>
        {
            e.CorrelateById(c => c.Message.VideoId);
            e.OnMissingInstance(m => m.Discard());
        });

        During([AwaitingApproval, Complete],
            When(EditPlan, c => Editable(c) is not null)
                .Then(c => ApplyEdit(c))
                .IfElse(c => c.Saga.Shots.Count == 0,
                    visual => visual.EnterStage(Visual, c => $"plan edited by {c.Message.By}: scene text"),
                    financial => financial.EnterStage(Financial, c => $"plan edited by {c.Message.By}: {string.Join(", ", c.Saga.EditedShotIds)}")));
    }

    private static PlanEditResult? Editable(BehaviorContext<VideoState, EditPlan> c) =>
        c.Message.Version is { } version && version != ApprovalRules.CurrentVersion(c.Saga) ? null : PlanEdits.Apply(c.Saga.Direction, c.Saga.Shots, c.Message);

    private void ApplyEdit(BehaviorContext<VideoState, EditPlan> c)
    {
        var video = c.Saga;
        var edit = Editable(c)!;
        Archive(video, $"plan edited by {c.Message.By}");
        video.PendingApproval = null;
        video.Direction = edit.Direction;
        video.ReRenders = 0;
        video.ComposeRequested = false;
        video.Timeline = [];
        video.ComposedAssetUri = null;
        video.ComposedDurationSeconds = 0;
        video.TechnicalQa = null;
        video.SemanticQa = null;
        video.AssetUri = null;
        video.ManifestUri = null;
        video.EditedShotIds = [.. edit.ChangedShotIds];
        if (edit.RestartStage == VideoStages.Visual)
        {
            video.Shots = [];
            video.RenderedShots = [];
        }
        else
        {
            video.Shots = [.. edit.Shots];
            foreach (var id in edit.ChangedShotIds)
                video.RenderedShots.Remove(id);
        }

        SagaOutbox.Publish(c, Time.GetUtcNow(), new PlanEdited(video.CorrelationId, ApprovalRules.CurrentVersion(video), edit.RestartStage, edit.ChangedShotIds,
            c.Message.By, c.Message.At ?? Time.GetUtcNow()));
    }
}
