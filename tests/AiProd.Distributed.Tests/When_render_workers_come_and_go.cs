using System.Text.Json;

namespace AiProd.EndToEnd.Tests.Services;

[Category("EndToEnd")]
[Category("Integration")]
[NonParallelizable] // a whole deployment of processes (or a timed kill): alone
public sealed class When_render_workers_come_and_go
{
    [Test]
    public async Task Should_complete_and_render_each_shot_once_when_a_render_worker_is_killed_mid_shot()
    {
        await using var deployment = new Deployment();
        await Task.WhenAll(
            deployment.StartAsync(ServiceRole.Orchestrator), deployment.StartAsync(ServiceRole.Creative),
            deployment.StartAsync(ServiceRole.Financial), deployment.StartAsync(ServiceRole.Qa),
            deployment.StartAsync(ServiceRole.Delivery), deployment.StartAsync(ServiceRole.Gateway),
            deployment.StartAsync(ServiceRole.Render, replicas: 2));
        var render = deployment.Of(ServiceRole.Render).ToList();

        var id = await deployment.SubmitAsync("A night market in the rain, lanterns swaying, steam rising from food stalls", durationSeconds: 8);
        await deployment.WaitForStateAsync(id, "Render", TimeSpan.FromMinutes(1));
        // Each worker renders one shot at a time (Workers:RenderConcurrency=1): the first one holds a shot right now.
        render[0].Kill();

        var status = await deployment.WaitForEndAsync(id, TimeSpan.FromMinutes(3));

        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("Complete"), deployment.Logs());
        var renders = status.GetProperty("renders").EnumerateArray().ToList();
        var shots = renders.Select(r => r.GetProperty("shotId").GetString()!).ToList();
        var finished = RenderLog.FinishedShots(deployment, id);
        Assert.Multiple(() =>
        {
            Assert.That(shots, Is.Unique, "one paid render per shot in the ledger");
            Assert.That(finished.Keys, Is.EquivalentTo(shots), "every shot was rendered to the end");
            Assert.That(finished.Values, Is.All.EqualTo(1), "no shot was rendered twice: " + string.Join(", ", finished));
            Assert.That(status.GetProperty("cost").GetProperty("actualUsd").GetDecimal(), Is.EqualTo(renders.Sum(r => r.GetProperty("costUsd").GetDecimal())));
        });
    }

    [Test]
    public async Task Should_wait_for_render_workers_started_after_the_video_was_submitted()
    {
        await using var deployment = new Deployment();
        await Task.WhenAll(
            deployment.StartAsync(ServiceRole.Orchestrator), deployment.StartAsync(ServiceRole.Creative),
            deployment.StartAsync(ServiceRole.Financial), deployment.StartAsync(ServiceRole.Qa),
            deployment.StartAsync(ServiceRole.Delivery), deployment.StartAsync(ServiceRole.Gateway));

        var id = await deployment.SubmitAsync("A kite festival on a windy beach");
        await deployment.WaitForStateAsync(id, "Render", TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var waiting = await deployment.StatusAsync(id);
        Assert.That(waiting?.GetProperty("state").GetString(), Is.EqualTo("Render"), "no render worker: the video waits in Render");

        await deployment.StartAsync(ServiceRole.Render);
        var status = await deployment.WaitForEndAsync(id, TimeSpan.FromMinutes(3));

        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("Complete"), deployment.Logs());
    }
}
