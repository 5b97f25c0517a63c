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
        foreach (var command in commands)
        {
            var at = plan.FindIndex(s => s.ShotId == command.Shot.ShotId);
            var around = plan.Skip(Math.Max(0, at - 2)).Take(Math.Min(plan.Count, at + 3) - Math.Max(0, at - 2)).ToList();
            Assert.That(command.Neighbours, Is.Not.Null, command.Shot.ShotId);
            Assert.Multiple(() =>
            {
                Assert.That(command.Neighbours!.Shots.Select(s => s.ShotId), Is.EqualTo(around.Select(s => s.ShotId)),
                    "the shots within two of its own, so the second of two neighbours can encode their transition window");
                Assert.That(command.Neighbours.Shots.Select(s => (s.DurationSeconds, s.TransitionOut)), Is.EqualTo(around.Select(s => (s.DurationSeconds, s.TransitionOut))));
                Assert.That(command.Neighbours.FirstIndex, Is.EqualTo(Math.Max(0, at - 2)));
                Assert.That(command.Neighbours.ShotCount, Is.EqualTo(plan.Count));
                Assert.That(command.Neighbours.SecondsBefore, Is.EqualTo(plan.Take(Math.Max(0, at - 2)).Aggregate(0.0, (sum, s) => sum + s.DurationSeconds)),
                    "summed from the first shot, as compose sums them");
            });
        }

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

    [TestCase(6)]
    [TestCase(50)]
    public async Task Should_keep_each_RenderShot_as_small_however_long_the_plan(int shots)
    {
        // The round's commands wait in the saga's document (its outbox) between save and send: with the whole plan in each,
        // a 50-shot round would carry 50 × 50 shots (past Firestore's 1 MiB document limit with real descriptions);
        // a command of its own shot and the excerpt around it stays under 2 KB at any length.
        var plan = await ToRender(shots);
        foreach (var shot in plan)
            await Published<RenderShot>(r => r.Shot.ShotId == shot.ShotId);
        var sizes = All<RenderShot>().Select(c => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(c).Length).ToList();
        var wholePlan = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(plan).Length;
        Assert.Multiple(() =>
        {
            Assert.That(sizes, Has.Count.EqualTo(shots));
            Assert.That(sizes, Has.All.LessThan(2048), "bytes a RenderShot");
            if (shots == 50)
                Assert.That(wholePlan, Is.GreaterThan(4 * 2048), "the whole plan in a command would break the bound four times over");
        });
    }
}
