using AiProd.Contracts;
using AiProd.Saga.Activities;
using MassTransit;

namespace AiProd.Saga.Tests;

public class When_the_saga_sends_a_stages_commands : PipelineDriver
{
    [Test]
    public async Task Should_send_each_to_its_roles_endpoint_and_publish_none()
    {
        await ToQaSemantic(shots: 2);
        await AnswerSemanticQa(8.2);
        await Published<FinalizeVideo>();

        var sent = Harness.Sent.Select(m => RoleEndpoints.Commands.ContainsKey(m.MessageType), CancellationToken.None)
            .Select(m => (Type: m.MessageType, Endpoint: m.Context.DestinationAddress!.AbsolutePath.TrimStart('/')))
            .Distinct()
            .ToList();
        var published = Harness.Published.Select(m => RoleEndpoints.Commands.ContainsKey(m.MessageType), CancellationToken.None);
        Assert.Multiple(() =>
        {
            // RenderAnimatic goes out only at a storyboard approval (When_the_storyboard_needs_approval).
            Assert.That(sent.Select(s => s.Type), Is.EquivalentTo(RoleEndpoints.Commands.Keys.Except([typeof(RenderAnimatic)])), "every command of the pipeline went out");
            Assert.That(sent, Is.All.Matches<(Type Type, string Endpoint)>(s => s.Endpoint == RoleEndpoints.Commands[s.Type]));
            Assert.That(published, Is.Empty, "a published command is lost on Pub/Sub when its worker has not subscribed yet");
        });
    }
}

public class When_a_command_looks_up_its_roles_endpoint
{
    [TestCase(typeof(SanitizeInput), "creative-worker")]
    [TestCase(typeof(AnalyzeRequest), "creative-worker")]
    [TestCase(typeof(DirectCreative), "creative-worker")]
    [TestCase(typeof(TranslateVisuals), "creative-worker")]
    [TestCase(typeof(EstimateCost), "financial-worker")]
    [TestCase(typeof(RenderShot), "render-worker")]
    [TestCase(typeof(ComposeVideo), "render-worker")]
    [TestCase(typeof(RenderAnimatic), "render-worker")]
    [TestCase(typeof(RunTechnicalQa), "qa-worker")]
    [TestCase(typeof(RunSemanticQa), "qa-worker")]
    [TestCase(typeof(FinalizeVideo), "delivery-worker")]
    public void Should_find_the_queue_of_the_role_that_does_it(Type command, string endpoint)
    {
        Assert.Multiple(() =>
        {
            Assert.That(RoleEndpoints.For(command), Is.EqualTo(endpoint));
            Assert.That(RoleEndpoints.AddressFor(command), Is.EqualTo(new Uri($"queue:{endpoint}")));
        });
    }

    [Test]
    public void Should_refuse_a_message_that_is_not_a_command()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => RoleEndpoints.For(typeof(ShotRendered)), Throws.ArgumentException);
            Assert.That(RoleEndpoints.Saga, Is.EqualTo("video-saga"));
        });
    }
}
