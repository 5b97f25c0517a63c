using System.Globalization;
using AiProd.Contracts;
using AiProd.Workers.Common;

namespace AiProd.Workers.Creative.Direction;

/// <summary>
/// The embedded mode's director: no model, fully deterministic. It lays the analysis' scene count over a narrative
/// arc, gives each scene a look from the prompt's keywords and a camera by beat, and, on later attempts, turns
/// semantic QA's tagged feedback (the consistency scorer's "consistent-look" and "follow-the-prompt" too) into concrete
/// changes listed in the notes.
/// </summary>
public sealed class OfflineCreativeDirector : ICreativeDirector
{
    /// <summary>No scene is shorter than this (hundredths of a second).</summary>
    public const int MinSceneCentis = 150;

    public Task<CreativeDirection> DirectAsync(DirectCreative command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Direct(command));
    }

    /// <summary>The pure decision behind <see cref="DirectAsync"/>.</summary>
    public static CreativeDirection Direct(DirectCreative command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = command.Request;
        var attempt = command.Attempt;
        // An approver's rejection ("legal: more-motion: …" or free text) directs like QA feedback where it uses a tag.
        var reviewer = command.ReviewerNotes.Select(n => n[(n.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
        var feedback = attempt > 1 ? CreativeFeedback.Parse([.. command.PreviousQa?.Feedback ?? [], .. reviewer]) : CreativeFeedback.None;

        var total = Centis.From(request.DurationSeconds);
        var fitting = Math.Clamp(total / MinSceneCentis, 1, 10);

        // A later attempt starts from what was shot last time, so "fewer-cuts" twice keeps reducing.
        var baseline = attempt > 1 && command.PreviousDirection is { Scenes.Count: > 0 } previous
            ? previous.Scenes.Count
            : command.Analysis.SceneCount;
        var count = Math.Clamp(feedback.Has(FeedbackTags.FewerCuts) ? baseline - 1 : baseline, 1, fitting);

        var beats = NarrativeArc.Beats(count);
        var durations = Centis.Split(total, beats.Select(NarrativeArc.Weight).ToList(), Math.Min(MinSceneCentis, total / count));
        var seed = $"{request.Prompt}|{attempt.ToString(CultureInfo.InvariantCulture)}";
        var look = SceneLooks.For(request.Prompt, attempt);

        var scenes = beats.Select((beat, i) =>
        {
            var sceneSeed = $"{seed}|{i.ToString(CultureInfo.InvariantCulture)}";
            return new Scene(
                i,
                beat,
                feedback.Has(FeedbackTags.FollowThePrompt)
                    ? SceneWriter.Anchored(request.Prompt, command.Analysis.Subjects, beat, i)
                    : SceneWriter.Describe(request.Prompt, command.Analysis.Subjects, beat, i),
                feedback.AdjustCamera(SceneLooks.Camera(beat, sceneSeed, feedback.CameraStyle)),
                feedback.AdjustLighting(look.Lighting),
                // One look for the whole video: the prompt's own mood on every beat, so every scene gets one palette.
                feedback.AdjustMood(feedback.Has(FeedbackTags.ConsistentLook) ? look.Mood : SceneLooks.Mood(look, beat, sceneSeed)),
                Centis.ToSeconds(durations[i]))
            {
                Narration = request.Narration
                    ? SceneWriter.Narrate(request.Prompt, command.Analysis.Subjects, beat, i, Centis.ToSeconds(durations[i]), request.SpeechRate)
                    : "",
            };
        }).ToList();

        var notes = attempt > 1 ? feedback.Notes(baseline, count, look, SceneWriter.Anchor(request.Prompt), command.Analysis.Subjects).ToList() : [];
        notes.AddRange(command.ReviewerNotes.Select(n => $"reviewer asked: {n}"));
        if (attempt > 1 && notes.Count == 0)
            notes.Add($"attempt {attempt}: no actionable feedback; camera and mood choices re-drawn for a fresh take.");

        return new CreativeDirection(attempt, SceneWriter.Title(request.Prompt), scenes, notes);
    }
}
