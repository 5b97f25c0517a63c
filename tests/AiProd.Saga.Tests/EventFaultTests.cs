using AiProd.Contracts;
using MassTransit;

namespace AiProd.Saga.Tests;

/// <summary>
/// An event the saga itself could not handle past its retries (its store out of reach) faults like any message, and
/// its Fault is a video message too: it says nothing about a worker, so it must not fail the video as a worker fault.
/// </summary>
public class When_the_saga_faults_on_one_of_its_own_events : PipelineDriver
{
    [Test]
    public async Task Should_keep_the_video_in_its_stage_and_still_fail_it_on_a_command_fault()
    {
        var plan = await ToRender(shots: 2);
        var rendered = new ShotRendered(VideoId, 1, Samples.Rendered(plan[0], 1));

        await Harness.Bus.Publish<Fault<ShotRendered>>(new
        {
            FaultId = NewId.NextGuid(),
            Message = rendered,
            FaultMessageTypes = new[] { MessageUrn.ForTypeString<ShotRendered>() },
            Exceptions = Array.Empty<ExceptionInfo>(),
            Timestamp = DateTime.UtcNow,
        });
        await Settle();
        var afterEventFault = Current()!.CurrentState;

        var command = All<RenderShot>()[0];
        await Harness.Bus.Publish<Fault<RenderShot>>(new
        {
            FaultId = NewId.NextGuid(),
            Message = command,
            FaultMessageTypes = new[] { MessageUrn.ForTypeString<RenderShot>() },
            Exceptions = Array.Empty<ExceptionInfo>(),
            Timestamp = DateTime.UtcNow,
        });
        var failed = await InState(m => m.Failed);

        Assert.Multiple(() =>
        {
            Assert.That(afterEventFault, Is.EqualTo(VideoStages.Render), "the saga's own fault leaves the video where it is");
            Assert.That(failed.Error!.Code, Is.EqualTo("worker_fault"), "a worker's fault still fails it");
        });
    }
}
