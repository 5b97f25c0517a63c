using AiProd.Contracts;

namespace AiProd.Saga.Tests;

public class When_the_plan_has_several_shots : PipelineDriver
{
    [Test]
    public async Task Should_send_one_RenderShot_per_shot_and_compose_only_when_all_are_in()
    {
        var plan = await ToRender(shots: 4);
        // The saga sends the four after CostEstimated is consumed: wait for each, then check there is no other.
        foreach (var shot in plan)
            await Published<RenderShot>(r => r.Shot.ShotId == shot.ShotId);
        await Settle();
        var commands = All<RenderShot>();
        Assert.That(commands.Select(c => c.Shot.ShotId), Is.EquivalentTo(plan.Select(s => s.ShotId)));
        Assert.That(commands.Select(c => c.Plan.Select(s => s.ShotId)), Has.All.EquivalentTo(plan.Select(s => s.ShotId)),
            "each carries the whole plan, so the second of two neighbours can encode their transition window");

        foreach (var shot in plan.Take(3))
            await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(shot, 1)));
        await Settle();
        Assert.That(All<ComposeVideo>(), Is.Empty, "one shot is still missing");

        await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(plan[3], 1)));
        var compose = await Published<ComposeVideo>();
        Assert.That(compose.Clips.Select(c => c.ShotId), Is.EqualTo(plan.Select(s => s.ShotId)), "clips in shot order");
        Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.Render));
    }

    [Test]
    public async Task Should_send_the_soundtrack_to_prepare_with_the_shots_and_not_again_with_the_compose()
    {
        var plan = await ToRender(shots: 2);
        var prepare = await Published<PrepareSoundtrack>();
        Assert.Multiple(() =>
        {
            Assert.That(prepare.Attempt, Is.EqualTo(1));
            Assert.That(prepare.Shots.Select(s => s.ShotId), Is.EquivalentTo(plan.Select(s => s.ShotId)), "the whole plan, as ComposeVideo will carry it");
            Assert.That(prepare.Request, Is.EqualTo(Current()!.Request));
        });

        foreach (var shot in plan)
            await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(shot, 1)));
        await Published<ComposeVideo>();
        await Settle();
        Assert.That(All<PrepareSoundtrack>(), Has.Count.EqualTo(1), "the fan-in only composes");
    }

    [Test]
    public async Task Should_count_a_duplicated_ShotRendered_once_and_compose_once()
    {
        var plan = await ToRender(shots: 2);
        foreach (var shot in plan)
        {
            await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(shot, 1, cost: 0.05m)));
            await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(shot, 1, cost: 0.05m)));
        }

        await Published<ComposeVideo>();
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(All<ComposeVideo>(), Has.Count.EqualTo(1));
            Assert.That(Current()!.ActualCostUsd, Is.EqualTo(0.10m));
        });
    }

    [Test]
    public async Task Should_ignore_a_stale_event_from_another_attempt()
    {
        var plan = await ToRender(shots: 1);
        await Publish(new ShotRendered(VideoId, 7, Samples.Rendered(plan[0], 7)));
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(Current()!.RenderedShots, Is.Empty);
            Assert.That(All<ComposeVideo>(), Is.Empty);
        });
    }
}
