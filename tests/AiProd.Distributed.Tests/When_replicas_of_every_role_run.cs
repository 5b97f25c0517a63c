using System.Text.Json;

namespace AiProd.EndToEnd.Tests.Services;

[Category("EndToEnd")]
[Category("Integration")]
[NonParallelizable] // a whole deployment of processes (or a timed kill): alone
public sealed class When_replicas_of_every_role_run
{
    private static readonly string[] Prompts =
    [
        "A lighthouse at dusk, waves crashing on the rocks",
        "A fox crossing a snowy forest at dawn",
        "Hot air balloons rising over a valley",
    ];

    [Test]
    public async Task Should_complete_everything_in_flight_when_one_of_two_replicas_of_every_role_stops()
    {
        await using var deployment = new Deployment();
        await Task.WhenAll(ServiceRole.Pipeline.Select(role => deployment.StartAsync(role, replicas: 2)).Append(deployment.StartAsync(ServiceRole.Gateway)));

        var ids = new List<Guid>();
        foreach (var prompt in Prompts)
            ids.Add(await deployment.SubmitAsync(prompt, durationSeconds: 6));
        await deployment.WaitForStateAsync(ids[0], "Render", TimeSpan.FromMinutes(1));
        // SIGTERM, as Kubernetes stops a pod: each finishes or hands back what it holds within its grace period.
        var stopped = await Task.WhenAll(ServiceRole.Pipeline.Select(role => deployment.Of(role).First().StopAsync(TimeSpan.FromSeconds(45))));

        var statuses = new List<JsonElement>();
        foreach (var id in ids)
            statuses.Add(await deployment.WaitForEndAsync(id, TimeSpan.FromMinutes(4)));

        Assert.Multiple(() =>
        {
            Assert.That(stopped, Is.All.True, "every stopped replica exited within its grace period");
            Assert.That(statuses.Select(s => s.GetProperty("state").GetString()), Is.All.EqualTo("Complete"), deployment.Logs());
        });
    }

    [Test]
    public async Task Should_make_each_transition_once_with_two_orchestrators()
    {
        await using var deployment = new Deployment();
        await Task.WhenAll(ServiceRole.Pipeline.Select(role => deployment.StartAsync(role, replicas: role == ServiceRole.Orchestrator ? 2 : 1))
            .Append(deployment.StartAsync(ServiceRole.Gateway)));
        await using var listener = await PublicTopicListener.StartAsync(deployment, "AiProd.Contracts.VideoCompleted");

        var ids = new List<Guid>();
        foreach (var prompt in Prompts)
            ids.Add(await deployment.SubmitAsync(prompt));
        var statuses = new List<JsonElement>();
        foreach (var id in ids)
            statuses.Add(await deployment.WaitForEndAsync(id, TimeSpan.FromMinutes(3)));
        var completed = await listener.CollectAsync(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Select(s => s.GetProperty("state").GetString()), Is.All.EqualTo("Complete"), deployment.Logs());
            foreach (var status in statuses)
            {
                var stages = status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("stage").GetString()).ToList();
                Assert.That(stages, Is.EqualTo(AiProd.Contracts.VideoStages.Ordered.Skip(0).ToList()), "each stage entered once, in order");
            }

            var completedIds = completed.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("videoId").GetGuid()).ToList();
            Assert.That(completedIds, Is.EquivalentTo(ids), "one VideoCompleted per video");
        });
    }
}
