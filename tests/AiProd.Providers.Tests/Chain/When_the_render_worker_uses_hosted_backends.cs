using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Common;
using AiProd.Workers.Creative;
using AiProd.Workers.Financial;
using AiProd.Workers.Qa;
using AiProd.Workers.Render;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Providers.Tests.Chain;

[Category("Integration")]
public class When_the_render_worker_uses_hosted_backends
{
    private static async Task<(ServiceProvider Provider, ITestHarness Harness, string Root)> StartAsync(Dictionary<string, string?> settings)
    {
        var root = Directory.CreateTempSubdirectory("aiprod-render-worker-").FullName;
        settings["Assets:Root"] = root;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .Configure<AssetOptions>(configuration.GetSection(AssetOptions.Section))
            .Configure<WorkerOptions>(_ => { })
            .AddSingleton<IAssetStore, LocalAssetStore>()
            .AddCreativeServices(configuration).AddFinancialServices(configuration)
            .AddRenderServices(configuration).AddQaServices(configuration)
            .AddMassTransitTestHarness(x => x.AddConsumer<RenderShotConsumer, RenderShotConsumerDefinition>());
        var provider = services.BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return (provider, harness, root);
    }

    private static async Task<T> PublishedAsync<T>(ITestHarness harness, int count = 1)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (harness.Published.Select<T>().Count() < count && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        return harness.Published.Select<T>().Select(m => m.Context.Message).ElementAt(count - 1);
    }

    [Test]
    public async Task Should_answer_a_redelivered_command_from_the_stored_clip_without_paying_again()
    {
        await using var veo = await VeoStub.StartAsync();
        veo.Ending = StubEnding.Refuse;
        await using var runway = await RunwayStub.StartAsync();
        var (provider, harness, root) = await StartAsync(RenderKit.Settings(veo: veo, runway: runway));
        try
        {
            var command = new RenderShot(Guid.NewGuid(), 1, RenderKit.AShot(2), "veo3", ["runway", "local"]) { BudgetUsd = 5m };
            await (await harness.Bus.GetSendEndpoint(RoleEndpoints.AddressFor(typeof(RenderShot)))).Send(command);
            var first = await PublishedAsync<ShotRendered>(harness);
            await (await harness.Bus.GetSendEndpoint(RoleEndpoints.AddressFor(typeof(RenderShot)))).Send(command);
            var second = await PublishedAsync<ShotRendered>(harness, 2);

            Assert.Multiple(() =>
            {
                Assert.That(first.Shot.Backend, Is.EqualTo("runway"));
                Assert.That(first.Shot.Attempts.Select(a => a.Outcome), Is.EqualTo(new[] { RenderAttempt.Refused, RenderAttempt.Succeeded }));
                Assert.That(first.Shot.CostUsd, Is.EqualTo(0.25m));
                Assert.That(second.Shot, Is.EqualTo(first.Shot), "the stored result, attempts included");
                Assert.That(veo.Faults.Calls("submit") + runway.Faults.Calls("create"), Is.EqualTo(2), "each provider was asked once");
            });
        }
        finally
        {
            await harness.Stop();
            await provider.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task Should_report_the_attempts_and_their_cost_when_no_backend_delivers()
    {
        await using var replicate = await ReplicateStub.StartAsync();
        replicate.Output = StubOutput.Corrupt;
        var (provider, harness, root) = await StartAsync(RenderKit.Settings(replicate: replicate));
        try
        {
            var command = new RenderShot(Guid.NewGuid(), 1, RenderKit.AShot(2), "replicate-wan25", ["local"]) { BudgetUsd = 0.50m };
            await (await harness.Bus.GetSendEndpoint(RoleEndpoints.AddressFor(typeof(RenderShot)))).Send(command);
            var failed = await PublishedAsync<StepFailed>(harness);

            Assert.Multiple(() =>
            {
                Assert.That(failed.Code, Is.EqualTo("budget_exceeded"));
                Assert.That(failed.Retryable, Is.False);
                Assert.That(failed.FailedRender!.ShotId, Is.EqualTo(command.Shot.ShotId));
                Assert.That(failed.FailedRender.Attempts.Sum(a => a.CostUsd), Is.EqualTo(0.50m));
            });
        }
        finally
        {
            await harness.Stop();
            await provider.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }
}
