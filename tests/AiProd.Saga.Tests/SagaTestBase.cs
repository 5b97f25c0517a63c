using AiProd.Contracts;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Saga.Tests;

/// <summary>
/// One saga under MassTransit's test harness, per test, on a bus set up as every host must: a delayed message
/// scheduler for the step deadlines. Tests play the workers: they publish step events and look at the commands the
/// saga sends (to its roles' endpoints, where nothing consumes them unless a test adds a stand-in) and the state it keeps.
/// </summary>
public abstract class SagaTestBase
{
    private ServiceProvider _provider = null!;

    protected ITestHarness Harness { get; private set; } = null!;

    protected IServiceProvider Provider => _provider;

    protected ISagaStateMachineTestHarness<VideoStateMachine, VideoState> Saga { get; private set; } = null!;

    protected VideoStateMachine Machine { get; private set; } = null!;

    protected Guid VideoId { get; } = NewId.NextGuid();

    protected IServiceProvider Services => _provider;

    /// <summary>The saga's clock: it stands still unless a test moves it.</summary>
    protected TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Registers the saga; in memory unless a store's tests run the same scenarios on their repository.</summary>
    protected virtual void AddVideoSaga(IBusRegistrationConfigurator bus) =>
        bus.AddVideoSagaStateMachine().InMemoryRepository();

    /// <summary>Extra registrations for a test class (for example a consumer that faults).</summary>
    protected virtual void Configure(IBusRegistrationConfigurator bus)
    {
    }

    /// <summary>The pipeline's bounds for a test class (for example a short step deadline).</summary>
    protected virtual void ConfigurePipeline(PipelineOptions options)
    {
    }

    /// <summary>Extra bus settings for a test class (for example the hosts' message topology).</summary>
    protected virtual void ConfigureBus(IInMemoryBusFactoryConfigurator bus)
    {
    }

    [SetUp]
    public async Task StartHarness()
    {
        _provider = new ServiceCollection()
            .Configure<PipelineOptions>(o =>
            {
                o.MaxReRenders = 2;
                o.MaxCreativeAttempts = 3;
                ConfigurePipeline(o);
            })
            .AddSingleton<TimeProvider>(Clock)
            .AddMassTransitTestHarness(x =>
            {
                x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromMilliseconds(400));
                x.AddDelayedMessageScheduler();
                AddVideoSaga(x);
                Configure(x);
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.UseDelayedMessageScheduler();
                    ConfigureBus(cfg);
                    cfg.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        Harness = _provider.GetRequiredService<ITestHarness>();
        await Harness.Start();
        Saga = Harness.GetSagaStateMachineHarness<VideoStateMachine, VideoState>();
        Machine = Saga.StateMachine;
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }

    protected Task Publish<T>(T message)
        where T : class => Harness.Bus.Publish(message);

    /// <summary>Waits until the video is in <paramref name="state"/> and returns its saga instance.</summary>
    protected async Task<VideoState> InState(Func<VideoStateMachine, State> state)
    {
        var id = await Saga.Exists(VideoId, state, TimeSpan.FromSeconds(10));
        Assert.That(id, Is.Not.Null, $"The video did not reach {state(Machine).Name}; it is in {Current()?.CurrentState ?? "no state"}.");
        return Current()!;
    }

    protected VideoState? Current() => Saga.Sagas.Contains(VideoId);

    /// <summary>Waits (polling, up to 10 s) for a published message matching <paramref name="filter"/> and returns the newest.</summary>
    protected async Task<T> Published<T>(Func<T, bool>? filter = null)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var match = All<T>().LastOrDefault(m => filter is null || filter(m));
            if (match is not null)
                return match;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"No matching {typeof(T).Name} was published; the video is in {Current()?.CurrentState ?? "no state"}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits (polling, up to 10 s) until at least <paramref name="count"/> messages of <typeparamref name="T"/> were published.</summary>
    protected async Task AtLeast<T>(int count)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (All<T>().Count < count)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Expected at least {count} {typeof(T).Name}, got {All<T>().Count}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Gives in-flight messages time to be consumed before asserting that something did not happen.</summary>
    protected static Task Settle() => Task.Delay(TimeSpan.FromMilliseconds(600));

    /// <summary>Every message of type <typeparamref name="T"/> sent (commands, scheduled deadlines) or published so far for this video.</summary>
    protected List<T> All<T>()
        where T : class =>
        Harness.Sent.Select<T>(CancellationToken.None).Select(m => m.Context)
            .Concat(Harness.Published.Select<T>(CancellationToken.None).Select(m => m.Context))
            .DistinctBy(c => c.MessageId)
            .Select(c => c.Message)
            .Where(m => m is not IVideoMessage v || v.VideoId == VideoId)
            .ToList();

    /// <summary>
    /// Plays the transport for the step deadline on its way: delivers it now, as if its delay had passed, and if it came
    /// early (the due time was moved later since it was armed) delivers the one it re-armed, until one comes due.
    /// </summary>
    protected async Task DeliverDeadline()
    {
        for (var round = 0; round < 5; round++)
        {
            var video = Current()!;
            var token = video.StepDeadlineToken ?? throw new AssertionException("No step deadline is on its way.");
            var early = video.StepDeadlineDueUnixMs > video.StepDeadlineArmedUnixMs;
            await Publish(Harness.Sent.Select<StepDeadlinePassed>(CancellationToken.None).Select(m => m.Context.Message).Single(d => d.Token == token));
            if (!early)
                return;
            var until = DateTime.UtcNow.AddSeconds(10);
            while (Current()!.StepDeadlineToken == token)
            {
                if (DateTime.UtcNow > until)
                    Assert.Fail("The early deadline did not re-arm itself.");
                await Task.Delay(20);
            }
        }

        Assert.Fail("The deadline kept coming early.");
    }

    protected List<T> AllEvents<T>(Func<T, Guid> id)
        where T : class => Harness.Published.Select<T>(CancellationToken.None).Select(m => m.Context.Message).Where(m => id(m) == VideoId).ToList();
}
