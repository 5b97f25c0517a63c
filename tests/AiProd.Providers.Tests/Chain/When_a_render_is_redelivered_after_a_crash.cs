using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Providers.Tests.Stubs;
using AiProd.Testing;
using AiProd.Workers.Common;
using AiProd.Workers.Creative;
using AiProd.Workers.Financial;
using AiProd.Workers.Qa;
using AiProd.Workers.Render;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiProd.Providers.Tests.Chain;

/// <summary>
/// A worker killed at any point of a hosted render never makes the shot render, or bill, twice: after a crash between
/// "job submitted" and "clip stored" the redelivered command follows the same provider job; after one between "clip
/// stored" and "record written" it reuses the clip. Submissions are counted at the stubs; the render worker's retry of
/// the crashed message is the redelivery.
/// </summary>
[Category("Integration")]
public class When_a_render_is_redelivered_after_a_crash
{
    private sealed class Worker(ServiceProvider provider, ITestHarness harness, string root, CrashingAssetStore store) : IAsyncDisposable
    {
        public CrashingAssetStore Store { get; } = store;

        public async Task<T> SendAndWaitAsync<T>(RenderShot command)
            where T : class
        {
            await (await harness.Bus.GetSendEndpoint(RoleEndpoints.AddressFor(typeof(RenderShot)))).Send(command);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!harness.Published.Select<T>().Any() && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            return harness.Published.Select<T>().Select(m => m.Context.Message).Single();
        }

        public async ValueTask DisposeAsync()
        {
            await harness.Stop();
            await provider.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<Worker> StartAsync(Dictionary<string, string?> settings)
    {
        var root = Directory.CreateTempSubdirectory("aiprod-render-crash-").FullName;
        settings["Assets:Root"] = root;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var store = new CrashingAssetStore(new LocalAssetStore(Options.Create(new AssetOptions { Root = root })));
        var provider = new ServiceCollection()
            .AddLogging()
            .Configure<WorkerOptions>(_ => { })
            .AddSingleton<IAssetStore>(store)
            .AddCreativeServices(configuration).AddFinancialServices(configuration)
            .AddRenderServices(configuration).AddQaServices(configuration)
            .AddMassTransitTestHarness(x => x.AddConsumer<RenderShotConsumer, RenderShotConsumerDefinition>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new Worker(provider, harness, root, store);
    }

    private static RenderShot Command(string backend) => new(Guid.NewGuid(), 1, RenderKit.AShot(2), backend, ["local"]) { BudgetUsd = 5m };

    private static bool IsClip(string name) => name.StartsWith("shots/", StringComparison.Ordinal);

    private static Func<string, bool> IsStepRecord(RenderShot command) => name => name == $"steps/render-{command.Shot.ShotId}-a1.json";

    [Test]
    public async Task Should_follow_the_submitted_replicate_prediction_after_a_crash_before_the_clip_was_stored()
    {
        await using var replicate = await ReplicateStub.StartAsync();
        await using var worker = await StartAsync(RenderKit.Settings(replicate: replicate));
        var command = Command("replicate-wan25");
        worker.Store.CrashAt(IsClip);

        var rendered = await worker.SendAndWaitAsync<ShotRendered>(command);

        Assert.Multiple(() =>
        {
            Assert.That(replicate.Created, Has.Count.EqualTo(1), "one prediction submitted, followed again after the crash");
            Assert.That(replicate.Cancelled, Is.Empty);
            Assert.That(rendered.Shot.Backend, Is.EqualTo("replicate-wan25"));
            Assert.That(rendered.Shot.CostUsd, Is.EqualTo(5 * 0.10m), "billed once: 5 s at the 720p price");
            Assert.That(rendered.Shot.Attempts.Single().Outcome, Is.EqualTo(RenderAttempt.Succeeded));
            Assert.That(worker.Store.Puts.Count(IsClip), Is.EqualTo(2), "the crashed put, then the redelivery's");
        });
    }

    [Test]
    public async Task Should_follow_the_submitted_veo_operation_after_a_crash_before_the_clip_was_stored()
    {
        await using var veo = await VeoStub.StartAsync();
        await using var worker = await StartAsync(RenderKit.Settings(veo: veo));
        var command = Command("veo3");
        worker.Store.CrashAt(IsClip);

        var rendered = await worker.SendAndWaitAsync<ShotRendered>(command);

        Assert.Multiple(() =>
        {
            Assert.That(veo.Faults.Calls("submit"), Is.EqualTo(1), "one operation started");
            Assert.That(rendered.Shot.CostUsd, Is.EqualTo(8 * 0.40m), "billed once: Veo's 8 s");
        });
    }

    [Test]
    public async Task Should_reuse_the_stored_runway_clip_after_a_crash_before_its_record_was_written()
    {
        await using var runway = await RunwayStub.StartAsync();
        await using var worker = await StartAsync(RenderKit.Settings(runway: runway));
        var command = Command("runway");
        worker.Store.CrashAt(IsStepRecord(command));

        var rendered = await worker.SendAndWaitAsync<ShotRendered>(command);

        Assert.Multiple(() =>
        {
            Assert.That(runway.Faults.Calls("create"), Is.EqualTo(1), "one task created");
            Assert.That(runway.Downloads, Is.EqualTo(1), "the stored clip is reused, not downloaded again");
            Assert.That(worker.Store.Puts.Count(IsClip), Is.EqualTo(1), "the clip is stored once");
            Assert.That(rendered.Shot.CostUsd, Is.EqualTo(5 * 0.05m), "billed once: 5 s of gen4_turbo");
        });
    }

    [Test]
    public async Task Should_leave_a_journaled_prediction_running_when_the_worker_stops_and_follow_it_on_redelivery()
    {
        await using var replicate = await ReplicateStub.StartAsync();
        replicate.ProcessingPolls = 15;
        await using var kit = RenderKit.Create(RenderKit.Settings(replicate: replicate));
        var store = new LocalAssetStore(Options.Create(new AssetOptions { Root = Path.Combine(kit.Folder, "assets") }));
        var command = Command("replicate-wan25");
        var journal = new RenderJournal(store, command.VideoId, $"render-{command.Shot.ShotId}-a1");

        using (var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(150)))
            Assert.CatchAsync<OperationCanceledException>(() => kit.Chain.RenderAsync(command, kit.NewFile(), journal, stopping.Token));
        Assert.That(await journal.FindJobAsync("replicate-wan25", CancellationToken.None), Is.Not.Null, "the stopped run had submitted its prediction");
        var clip = await kit.Chain.RenderAsync(command, kit.NewFile(), journal, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(replicate.Cancelled, Is.Empty, "a job in the journal is not cancelled when the worker stops");
            Assert.That(replicate.Created, Has.Count.EqualTo(1), "the redelivery follows it");
            Assert.That(clip.CostUsd, Is.EqualTo(5 * 0.10m));
        });
    }
}
