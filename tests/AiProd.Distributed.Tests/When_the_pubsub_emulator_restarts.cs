using AiProd.Contracts;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>
/// The Pub/Sub emulator killed and started again on its port with 20 videos in flight. The emulator keeps nothing:
/// every topic, subscription and message is gone. Real Pub/Sub loses none of that, so this models the worst case, made
/// sure here by keeping the render workers scaled to zero until after the restart: every video waits in Render with its
/// RenderShot commands and its step deadline inside the emulator (a running worker would already hold its commands,
/// since the emulator hands a stream everything it has). The transport creates its topics and subscriptions again on
/// NOT_FOUND, but nothing is left to deliver: what brings each video forward is the orchestrator's stalled-video sweep
/// (its deadline is overdue and nobody will deliver it), with a short step deadline here so the test ends soon. Every
/// video must complete once, each shot billed once. A video submitted while the emulator is down is answered 202 within
/// seconds (it is stored; its GenerateVideo waits in its outbox) and completes too.
/// </summary>
[Category("EndToEnd")]
[Category("Integration")]
[Category("Faults")]
[NonParallelizable] // it kills and restarts the emulator every other fixture shares
public sealed class When_the_pubsub_emulator_restarts
{
    private const int Videos = 20;

    [Test]
    public async Task Should_complete_every_video_in_flight_once()
    {
        if (!Emulators.PubSub.Owned)
            Assert.Ignore("PUBSUB_EMULATOR_HOST names an emulator this test did not start, so it cannot restart it.");
        await using var deployment = new Deployment(new Dictionary<string, string>
        {
            ["Pipeline__StepDeadline"] = "00:00:20",
            // 20 videos queue at one render and one QA worker: a stage may wait minutes (10 resends) without failing.
            ["Pipeline__MaxStepResends"] = "10",
            ["Pipeline__StalledAfter"] = "00:00:02",
            ["Pipeline__StalledSweepInterval"] = "00:00:02",
            ["Pipeline__OutboxSweepInterval"] = "00:00:03",
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(ServiceRole.Pipeline.Where(r => r != ServiceRole.Render).Select(r => deployment.StartAsync(r)).Append(deployment.StartAsync(ServiceRole.Gateway)));
        var started = clock.Elapsed;

        var ids = new List<Guid>();
        for (var i = 0; i < Videos; i++)
            ids.Add(await deployment.SubmitAsync($"A paper lantern drifting over a dark lake, take {i + 1}", durationSeconds: 2));
        foreach (var id in ids)
            await deployment.WaitForStateAsync(id, VideoStages.Render, TimeSpan.FromMinutes(2));
        var before = await StatesAsync(deployment, ids);
        var killed = clock.Elapsed;

        await Emulators.PubSub.KillAsync();
        // A submission while the bus is down: stored, so answered at once; its GenerateVideo waits in its outbox.
        var submit = System.Diagnostics.Stopwatch.StartNew();
        var whileDown = await deployment.SubmitAsync("A paper lantern drifting over a dark lake, sent while the bus was down", durationSeconds: 2);
        submit.Stop();
        ids.Add(whileDown);
        await Emulators.PubSub.RestartAsync();
        var back = clock.Elapsed;
        // Before any service has published again: a topic without a subscription drops what is published to it.
        await using var listener = await PublicTopicListener.StartAsync(deployment, "AiProd.Contracts.VideoCompleted", createTopic: true);
        await TestContext.Out.WriteLineAsync($"restarted with the videos in {Describe(before)}");
        await deployment.StartAsync(ServiceRole.Render);

        var until = DateTime.UtcNow.AddMinutes(4);
        foreach (var id in ids)
            await deployment.WaitForEndAsync(id, until - DateTime.UtcNow);
        var ended = clock.Elapsed;
        var completed = await listener.CollectMessagesAsync(TimeSpan.FromSeconds(5));
        await TestContext.Out.WriteLineAsync(
            $"services up {started.TotalSeconds:0} s, killed at {killed.TotalSeconds:0} s, back at {back.TotalSeconds:0} s, all ended at {ended.TotalSeconds:0} s; " +
            $"{Resumes(deployment)} resume(s) by the stalled-video sweep");

        Assert.That(before.Values, Has.None.EqualTo(VideoStages.Complete), "a video finished before the restart: its VideoCompleted could not be counted");
        Assert.That(submit.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "a submission while the bus was down waited for the bus, although the video was stored");
        await ExactlyOnce.AssertAsync(deployment, ids, completed, $"restarted with the videos in {Describe(before)}");
    }

    private static async Task<Dictionary<Guid, string>> StatesAsync(Deployment deployment, IEnumerable<Guid> ids)
    {
        var states = new Dictionary<Guid, string>();
        foreach (var id in ids)
            states[id] = (await deployment.StatusAsync(id))?.GetProperty("state").GetString() ?? "unknown";
        return states;
    }

    private static int Resumes(Deployment deployment) =>
        deployment.Of(ServiceRole.Orchestrator).Sum(o => File.ReadLines(o.LogFile).Count(l => l.Contains("resuming it", StringComparison.Ordinal)));

    private static string Describe(Dictionary<Guid, string> states) =>
        string.Join(", ", states.Values.GroupBy(s => s).Select(g => $"{g.Key} ×{g.Count()}"));
}
