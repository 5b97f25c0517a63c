using AiProd.Contracts;
using AiProd.Saga;
using AiProd.SagaStore;
using AiProd.SagaStore.Sqlite;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.SagaStore.Tests.Video;

/// <summary>
/// The real <see cref="VideoStateMachine"/> under MassTransit's test harness, its state kept in a temp SQLite file, on a
/// bus with the delayed message scheduler its step deadlines need. Tests play the workers (the saga sends them its
/// commands) and read the saga back from the database, not from the harness's memory.
/// </summary>
public abstract class SqliteVideoSagaTestBase
{
    private ServiceProvider _provider = null!;
    private string _path = null!;

    protected ITestHarness Harness { get; private set; } = null!;

    protected VideoStateMachine Machine { get; private set; } = null!;

    protected ISagaQueries<VideoState> Videos { get; private set; } = null!;

    protected IServiceProvider Provider => _provider;

    protected Guid VideoId { get; } = NewId.NextGuid();

    /// <summary>Short, so a test that waits a little sees the sent entries dropped even when no next event comes.</summary>
    protected virtual TimeSpan OutboxDropDelay => TimeSpan.FromMilliseconds(100);

    [SetUp]
    public async Task StartHarness()
    {
        _path = Path.Combine(Path.GetTempPath(), $"aiprod-video-{Guid.NewGuid():N}.db");
        _provider = new ServiceCollection()
            .Configure<PipelineOptions>(o => { o.MaxReRenders = 2; o.MaxCreativeAttempts = 3; o.OutboxDropDelay = OutboxDropDelay; })
            .AddMassTransitTestHarness(x =>
            {
                x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromMilliseconds(400));
                x.AddDelayedMessageScheduler();
                x.AddVideoSagaStateMachine().SqliteRepository(r =>
                {
                    r.ConnectionString = $"Data Source={_path}";
                    r.TableName = "videos";
                    r.CurrentState = v => v.CurrentState;
                });
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.UseDelayedMessageScheduler();
                    cfg.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        Harness = _provider.GetRequiredService<ITestHarness>();
        await Harness.Start();
        Machine = _provider.GetRequiredService<VideoStateMachine>();
        Videos = _provider.GetRequiredService<ISagaQueries<VideoState>>();
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
    }

    protected Task Publish<T>(T message)
        where T : class => Harness.Bus.Publish(message);

    /// <summary>Waits (up to 10 s) until the stored video is in <paramref name="state"/>.</summary>
    protected async Task<VideoState> InState(Func<VideoStateMachine, State> state)
    {
        var name = state(Machine).Name;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var video = await Videos.GetAsync(VideoId);
            if (video?.CurrentState == name)
                return video;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The video did not reach {name}; it is in {video?.CurrentState ?? "no state"}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits (up to 10 s) until <paramref name="count"/> messages matching <paramref name="filter"/> were sent or published.</summary>
    protected async Task<List<T>> Published<T>(int count = 1, Func<T, bool>? filter = null)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var matches = All<T>().Where(m => filter is null || filter(m)).ToList();
            if (matches.Count >= count)
                return matches;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{matches.Count} of {count} {typeof(T).Name} were published.");
            await Task.Delay(20);
        }
    }

    /// <summary>Every message of type <typeparamref name="T"/> sent (the saga's commands) or published for this video.</summary>
    protected List<T> All<T>()
        where T : class =>
        Harness.Sent.Select<T>(CancellationToken.None).Select(m => m.Context)
            .Concat(Harness.Published.Select<T>(CancellationToken.None).Select(m => m.Context))
            .DistinctBy(c => c.MessageId)
            .Select(c => c.Message)
            .Where(m => m is not IVideoMessage v || v.VideoId == VideoId)
            .ToList();
}
