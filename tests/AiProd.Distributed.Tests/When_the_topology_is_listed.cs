using System.Text.Json;
using AiProd.Contracts;
using AiProd.Transport.PubSub.V1;
using Grpc.Net.Client;

namespace AiProd.EndToEnd.Tests.Services;

[Category("EndToEnd")]
[Category("Integration")]
public sealed class When_the_topology_is_listed
{
    [Test]
    public async Task Should_name_each_worker_role_one_subscription_and_create_everything_it_lists()
    {
        var prefix = $"topo{Guid.NewGuid():N}"[..12] + ".";
        var environment = new Dictionary<string, string> { ["PUBSUB_EMULATOR_HOST"] = Emulators.PubSub.Host };

        var run = await CliRunner.RunAsync(environment, "topology", "--json", "--apply", "--project", Emulators.Project, "--prefix", prefix);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var services = JsonDocument.Parse(run.Output).RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!);
        Assert.That(services.Keys, Is.EquivalentTo(new[] { "gateway", "orchestrator" }.Concat(RoleEndpoints.Workers)));
        foreach (var role in RoleEndpoints.Workers)
        {
            var consumed = services[role].GetProperty("consumes").EnumerateArray().Select(c => c.GetProperty("subscription").GetString()).ToList();
            Assert.That(consumed, Is.EqualTo(new[] { prefix + role }), $"{role} pulls its commands from one subscription");
        }

        Assert.That(services["gateway"].GetProperty("publishes").EnumerateArray().Select(t => t.GetString()),
            Is.EquivalentTo(PublicTopics.All.Select(t => prefix + t.FullName)));
        using var channel = GrpcChannel.ForAddress($"http://{Emulators.PubSub.Host}");
        var subscriber = new Subscriber.SubscriberClient(channel);
        var publisher = new Publisher.PublisherClient(channel);
        foreach (var service in services.Values)
        {
            foreach (var topic in service.GetProperty("topics").EnumerateArray())
                Assert.DoesNotThrowAsync(async () => await publisher.GetTopicAsync(new GetTopicRequest { Topic = $"projects/{Emulators.Project}/topics/{topic.GetString()}" }));
            foreach (var s in service.GetProperty("subscriptions").EnumerateArray())
            {
                var created = await subscriber.GetSubscriptionAsync(new GetSubscriptionRequest { Subscription = $"projects/{Emulators.Project}/subscriptions/{s.GetProperty("subscription").GetString()}" });
                Assert.That(created.EnableMessageOrdering, Is.EqualTo(s.GetProperty("ordered").GetBoolean()), created.Name);
            }
        }
    }
}
