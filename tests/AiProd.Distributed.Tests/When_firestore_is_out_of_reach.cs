using AiProd.Contracts;
using AiProd.Testing;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>
/// Firestore out of reach for 30 s while a video renders: the orchestrator and the gateway talk to the emulator through a
/// relay that is cut (open connections reset, new ones refused) and then restored; the emulator keeps its data, as
/// Firestore does (the emulator itself cannot be stopped and started again with its data). Shots finish during the
/// outage; the saga cannot load or save the video, so it must neither ack those events nor give up on them: its
/// retries (about 80 s) hold them until the store is back, and the video completes once.
/// </summary>
[Category("EndToEnd")]
[Category("Integration")]
[Category("Faults")]
[NonParallelizable] // a whole deployment of processes (or a timed kill): alone
public sealed class When_firestore_is_out_of_reach
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Should_complete_the_video_once_the_store_is_back()
    {
        await using var relay = TcpRelay.Start(Emulators.Firestore.Host);
        await using var deployment = new Deployment(new Dictionary<string, string> { ["FIRESTORE_EMULATOR_HOST"] = relay.Host });
        await deployment.StartAllAsync();
        await using var listener = await PublicTopicListener.StartAsync(deployment, "AiProd.Contracts.VideoCompleted");

        var id = await deployment.SubmitAsync("A night market in the rain, lanterns swaying, steam rising from food stalls", durationSeconds: 3);
        await deployment.WaitForStateAsync(id, VideoStages.Render, TimeSpan.FromMinutes(2));
        var cutIn = (await deployment.StatusAsync(id))?.GetProperty("state").GetString();

        await relay.CutAsync();
        using var http = deployment.Http();
        var unreachable = await http.GetAsync($"/v1/videos/{id}");
        var unreachableBody = await unreachable.Content.ReadAsStringAsync();
        await TestContext.Out.WriteLineAsync($"status read while cut: {(int)unreachable.StatusCode} {unreachableBody}");
        await Task.Delay(Outage);
        relay.Restore();
        await TestContext.Out.WriteLineAsync($"Firestore cut for {Outage.TotalSeconds:0} s from {cutIn}");

        var status = await deployment.WaitForEndAsync(id, TimeSpan.FromMinutes(3));
        var completed = await listener.CollectMessagesAsync(TimeSpan.FromSeconds(5));

        Assert.That((int)unreachable.StatusCode, Is.EqualTo(503), $"a read while the store is out of reach is a retryable 503: {unreachableBody}");
        Assert.That(unreachable.Headers.RetryAfter, Is.Not.Null, "the 503 says when to try again");
        Assert.That(unreachable.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(unreachableBody, Does.Contain("\"retryable\":true").And.Not.Contain("Exception").And.Not.Contain("Grpc"));
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo(VideoStages.Complete), $"cut in {cutIn}: {status}\n{deployment.Logs()}");
        await ExactlyOnce.AssertAsync(deployment, [id], completed, $"Firestore cut for {Outage.TotalSeconds:0} s from {cutIn}");
    }
}
