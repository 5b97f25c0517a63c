using AiProd.Contracts;

namespace AiProd.Saga.Decisions;

/// <summary>A plan after an edit: the direction and shots as they are now, where the video starts again, and which shots changed.</summary>
public sealed record PlanEditResult(CreativeDirection Direction, IReadOnlyList<Shot> Shots, string RestartStage, IReadOnlyList<string> ChangedShotIds);

/// <summary>
/// What an <see cref="EditPlan"/> does to a plan, and the earliest stage it affects: a scene's text → Visual (its shots
/// are planned anew); a shot's prompt or camera → Financial, then Render of that shot; a duration → Financial. Null when
/// the edit changes nothing or names a scene or shot the plan does not have.
/// </summary>
public static class PlanEdits
{
    public static PlanEditResult? Apply(CreativeDirection? direction, IReadOnlyList<Shot> shots, EditPlan edit)
    {
        if (direction is null || shots.Count == 0)
            return null;
        if (edit.Scenes.Any(e => direction.Scenes.All(s => s.Index != e.SceneIndex)) || edit.Shots.Any(e => shots.All(s => s.ShotId != e.ShotId)))
            return null;

        var scenes = direction.Scenes.Select(s => edit.Scenes.LastOrDefault(e => e.SceneIndex == s.Index) is { } e && e.Description != s.Description
            ? s with { Description = e.Description } : s).ToList();
        var sceneChanged = !scenes.SequenceEqual(direction.Scenes);
        var changed = new List<string>();
        var edited = shots.Select(shot =>
        {
            var next = shot;
            foreach (var e in edit.Shots.Where(e => e.ShotId == shot.ShotId))
                next = next with
                {
                    Description = e.Prompt ?? next.Description,
                    Movement = e.Camera ?? next.Movement,
                    DurationSeconds = e.DurationSeconds ?? next.DurationSeconds,
                };
            if (next != shot && (next.Description != shot.Description || next.Movement != shot.Movement || next.DurationSeconds != shot.DurationSeconds))
                changed.Add(shot.ShotId);
            return next;
        }).ToList();

        if (sceneChanged)
            return new PlanEditResult(direction with { Scenes = scenes }, edited, VideoStages.Visual, []);
        return changed.Count == 0 ? null : new PlanEditResult(direction, edited, VideoStages.Financial, changed);
    }
}
