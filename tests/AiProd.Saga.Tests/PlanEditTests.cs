using AiProd.Contracts;

namespace AiProd.Saga.Tests;

public class When_the_plan_is_edited : ApprovalDriver
{
    [Test]
    public async Task Should_make_version_2_and_render_only_the_edited_shot_after_Financial()
    {
        RequireApproval([ApprovalPoints.Final]);
        await ToQaSemantic(shots: 3);
        await AnswerSemanticQa(9.0);
        var video = await InState(m => m.AwaitingApproval);
        var shots = video.Shots.ToList();
        var rendersBefore = All<RenderShot>().Count;

        await Publish(new EditPlan(VideoId, "eve", [], [new ShotEdit(shots[1].ShotId) { Prompt = "A red kite over the dunes", Camera = "pan left" }]));
        video = await InState(m => m.Financial);
        var edited = await Published<PlanEdited>(e => e.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(edited.Version, Is.EqualTo(2));
            Assert.That(edited.RestartStage, Is.EqualTo(VideoStages.Financial));
            Assert.That(edited.ChangedShotIds, Is.EqualTo(new[] { shots[1].ShotId }));
            Assert.That(video.Versions.Single().Shots[1].Description, Is.EqualTo(shots[1].Description), "version 1 keeps its plan");
            Assert.That(video.Shots[1].Description, Is.EqualTo("A red kite over the dunes"));
            Assert.That(video.Shots[1].Movement, Is.EqualTo("pan left"));
            Assert.That(video.RenderedShots.Keys, Is.EquivalentTo(new[] { shots[0].ShotId, shots[2].ShotId }), "unchanged shots keep their clips");
            Assert.That(video.History[^2].Outcome, Does.StartWith("plan edited by eve"), "the history shows the edit");
            Assert.That(video.PendingApproval, Is.Null);
        });

        var estimate = await Published<EstimateCost>(e => e.Attempt == Current()!.StageAttempt);
        await Publish(new CostEstimated(VideoId, estimate.Attempt, Samples.Estimate()));
        await InState(m => m.Render);
        await RenderAndCompose();
        var renders = All<RenderShot>().Skip(rendersBefore).ToList();
        Assert.That(renders.Select(r => r.Shot.ShotId), Is.EqualTo(new[] { shots[1].ShotId }), "only the edited shot is rendered again");
        Assert.That(renders[0].Shot.Description, Is.EqualTo("A red kite over the dunes"));
    }

    [Test]
    public async Task Should_ignore_an_edit_while_a_stage_runs()
    {
        Request = Samples.Request();
        var shots = await ToRender(shots: 2);
        await Publish(new EditPlan(VideoId, "eve", [], [new ShotEdit(shots[0].ShotId) { DurationSeconds = 3 }]));
        await Settle();
        Assert.That(All<PlanEdited>(), Is.Empty);
        Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.Render));
    }

    [Test]
    public async Task Should_go_back_to_Visual_when_a_scene_text_changes_and_ignore_an_edit_of_an_old_version()
    {
        RequireApproval([ApprovalPoints.Storyboard]);
        var video = await ToStoryboard(shots: 2);
        var scene = video.Direction!.Scenes[0];
        await Publish(new EditPlan(VideoId, "eve", [new SceneEdit(scene.Index, "A foggy harbour at dawn")], []) { Version = 7 });
        await Settle();
        Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.AwaitingApproval), "an edit of another version changes nothing");

        await Publish(new EditPlan(VideoId, "eve", [new SceneEdit(scene.Index, "A foggy harbour at dawn")], []) { Version = 1 });
        video = await InState(m => m.Visual);
        Assert.Multiple(() =>
        {
            Assert.That(video.Direction!.Scenes[0].Description, Is.EqualTo("A foggy harbour at dawn"));
            Assert.That(video.Shots, Is.Empty);
            Assert.That(video.Revision, Is.EqualTo(2));
        });
    }
}
