using AiProd.Contracts;
using AiProd.Saga.Tests;

namespace AiProd.SagaStore.Tests.Video;

/// <summary>A video waiting for its approvers on SQLite: the round, the answers and the kept version read back from the file.</summary>
public class When_a_video_waits_for_approval_on_SQLite : SqliteVideoSagaTestBase
{
    [Test]
    public async Task Should_keep_the_round_the_answers_and_the_rejected_version_in_the_stored_document()
    {
        var request = Samples.Request() with
        {
            Approval = new ApprovalPolicy(["client", "legal"], [ApprovalPoints.Storyboard]) { DeadlineSeconds = 600, OnDeadline = ApprovalPoints.ApproveOnDeadline },
        };
        await Publish(new GenerateVideo(VideoId, request));
        await Publish(new InputSanitized(VideoId, 1, Samples.Sanitized(request)));
        await Publish(new RequestAnalyzed(VideoId, 1, Samples.Analysis()));
        await InState(m => m.Creative);
        await Publish(new CreativeDirected(VideoId, 1, Samples.Direction(1)));
        await InState(m => m.Visual);
        await Publish(new VisualsTranslated(VideoId, 1, Samples.Shots(1, 2)));
        await InState(m => m.Financial);
        await Publish(new CostEstimated(VideoId, 1, Samples.Estimate()));

        var waiting = await InState(m => m.AwaitingApproval);
        Assert.Multiple(() =>
        {
            Assert.That(waiting.Request.Approval!.Roles, Is.EqualTo(new[] { "client", "legal" }));
            Assert.That(waiting.Request.Approval.OnDeadline, Is.EqualTo(ApprovalPoints.ApproveOnDeadline));
            Assert.That(waiting.PendingApproval!.Point, Is.EqualTo(ApprovalPoints.Storyboard));
            Assert.That(waiting.PendingApproval.DueUnixMs - waiting.PendingApproval.RequestedAtUnixMs, Is.EqualTo(600_000));
        });

        await Publish(new ApproveVideo(VideoId, "client", "carol") { At = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) });
        await Published<VideoApproved>();
        await Publish(new RejectVideo(VideoId, "legal", "lee", "Remove the logo."));
        var revised = await InState(m => m.Creative);
        Assert.Multiple(() =>
        {
            Assert.That(revised.Revision, Is.EqualTo(2));
            Assert.That(revised.PendingApproval, Is.Null);
            Assert.That(revised.ReviewerNotes, Is.EqualTo(new[] { "legal: Remove the logo." }));
            Assert.That(revised.Approvals.Select(a => (a.Role, a.By, a.Approved, a.Comment)),
                Is.EqualTo(new[] { ("client", "carol", true, (string?)null), ("legal", "lee", false, "Remove the logo.") }));
            Assert.That(revised.Approvals[0].At, Is.EqualTo(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
            Assert.That(revised.Versions.Single().Shots.Select(s => s.ShotId), Is.EqualTo(Samples.Shots(1, 2).Select(s => s.ShotId)));
            Assert.That(revised.Versions.Single().Estimate!.EstimatedUsd, Is.EqualTo(Samples.Estimate().EstimatedUsd));
        });
    }
}
