using AiProd.Contracts;
using AiProd.Saga.Tests;
using MassTransit;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>
/// Every ShotRendered of a 50-shot plan at once on one Firestore document: all but one writer lose each version-checked
/// update and retry on fresh state, and none of them may be lost or counted twice.
/// </summary>
public class When_fifty_shots_race_on_firestore : FirestoreVideoSagaTest
{
    private const int Shots = 50;

    [Test]
    public async Task Should_record_every_shot_once_bill_it_once_and_compose_once()
    {
        var plan = await ToRender(shots: Shots);
        var round = Current()!.StageAttempt;

        await Task.WhenAll(plan.Select(shot => Publish(new ShotRendered(VideoId, round, Samples.Rendered(shot, round)))));

        var stored = await Stored(v => v?.ComposeRequested == true, TimeSpan.FromMinutes(1));
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(stored!.RenderedShots.Keys, Is.EquivalentTo(plan.Select(s => s.ShotId)), "none lost");
            Assert.That(stored.RenderLedger, Has.Count.EqualTo(Shots), "each render paid for once");
            Assert.That(stored.ActualCostUsd, Is.EqualTo(Shots * 0.01m));
            Assert.That(All<ComposeVideo>(), Has.Count.EqualTo(1), "the fan-in fires once");
            Assert.That(All<ComposeVideo>()[0].Clips, Has.Count.EqualTo(Shots));
            Assert.That(AllEvents<Fault<ShotRendered>>(f => f.Message.VideoId), Is.Empty, "no racer ran out of retries");
        });
    }
}
