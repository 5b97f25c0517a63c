using AiProd.Contracts;
using AiProd.Orchestration;
using AiProd.Saga;
using AiProd.Saga.Tests;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.SagaStore.Tests.Video;

/// <summary>
/// <see cref="VideoSubmissions"/> on SQLite answers once the video is stored: the <c>GenerateVideo</c> that starts it
/// follows, while at most <see cref="SubmissionOptions.MaxPendingSends"/> are on their way; past that a submission
/// waits for its own send, and a host that stops lets the sends still out finish. The bus is held by a send observer
/// that waits on a gate, as a slow or unreachable Pub/Sub would.
/// </summary>
public class When_the_bus_is_slower_than_the_store : SqliteVideoSagaTestBase
{
    // One fixture instance runs every test: each gets its own gate and stop signal.
    private TaskCompletionSource _gate = null!;
    private CancellationTokenSource _stopping = null!;
    private ConnectHandle _held = null!;

    private ISagaDocumentStore<VideoState> Store => Provider.GetRequiredService<ISagaDocumentStore<VideoState>>();

    [SetUp]
    public void HoldTheBus()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stopping = new CancellationTokenSource();
        _held = Harness.Bus.ConnectSendObserver(new GateObserver(_gate.Task));
    }

    [TearDown]
    public void ReleaseTheBus()
    {
        _gate.TrySetResult();
        _held.Dispose();
        _stopping.Dispose();
    }

    [Test]
    public async Task Should_answer_once_the_video_is_stored_and_start_it_when_the_bus_takes_it()
    {
        var submissions = Submissions(maxPending: 10);

        var submitted = submissions.SubmitAsync(VideoId, Samples.Request(), "ak_test", CancellationToken.None);
        var answered = await Task.WhenAny(submitted, Task.Delay(TimeSpan.FromSeconds(5))) == submitted;

        Assert.That(answered, Is.True, "the answer does not wait for the bus");
        var submission = await submitted;
        var stored = await Store.LoadAsync(VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(submission.Created, Is.True);
            Assert.That(stored?.CurrentState, Is.EqualTo("Accepted"), "stored before the answer");
            Assert.That(stored?.Outbox.Select(e => e.MessageType), Has.Some.Contains(nameof(GenerateVideo)), "with its start message in the outbox");
            Assert.That(submissions.PendingSends, Is.EqualTo(1));
            Assert.That(All<GenerateVideo>(), Is.Empty, "nothing has reached the bus yet");
        });

        _gate.SetResult();
        await InState(m => m.InputSanitizer);
        Assert.That(await Eventually(() => submissions.PendingSends == 0), Is.True, "the finished send is forgotten");
    }

    [Test]
    public async Task Should_make_a_submission_wait_for_its_own_send_past_the_limit()
    {
        var submissions = Submissions(maxPending: 1);
        var second = Guid.NewGuid();

        await submissions.SubmitAsync(VideoId, Samples.Request(), "ak_test", CancellationToken.None);
        var waiting = submissions.SubmitAsync(second, Samples.Request(), "ak_test", CancellationToken.None);
        await Task.Delay(500);

        Assert.Multiple(async () =>
        {
            Assert.That(waiting.IsCompleted, Is.False, "one send is already out: this one waits for its own");
            Assert.That(await Store.LoadAsync(second), Is.Not.Null, "but its video is stored already");
        });
        _gate.SetResult();
        Assert.That((await waiting).Created, Is.True);
    }

    [Test]
    public async Task Should_send_before_answering_when_no_send_may_be_pending()
    {
        var submissions = Submissions(maxPending: 0);

        var submitted = submissions.SubmitAsync(VideoId, Samples.Request(), "ak_test", CancellationToken.None);
        await Task.Delay(500);
        Assert.That(submitted.IsCompleted, Is.False);

        _gate.SetResult();
        await submitted;
        Assert.That(All<GenerateVideo>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_let_the_sends_still_out_finish_when_the_host_stops()
    {
        var submissions = Submissions(maxPending: 10);
        await submissions.SubmitAsync(VideoId, Samples.Request(), "ak_test", CancellationToken.None);

        // The host's stop callbacks run inside Cancel: it returns once the send is done (or the send timeout passed).
        _ = Task.Delay(300).ContinueWith(_ => _gate.TrySetResult(), TaskScheduler.Default);
        await Task.Run(_stopping.Cancel);

        Assert.Multiple(() =>
        {
            Assert.That(submissions.PendingSends, Is.Zero);
            Assert.That(All<GenerateVideo>(), Has.Count.EqualTo(1), "sent before the bus would stop");
        });
    }

    private VideoSubmissions Submissions(int maxPending) => new(
        new WithLifetime(Provider, new StoppingLifetime(_stopping.Token)),
        Harness.Bus,
        TimeProvider.System,
        Options.Create(new SubmissionOptions { SendTimeout = TimeSpan.FromSeconds(10), MaxPendingSends = maxPending }),
        NullLogger<VideoSubmissions>.Instance);

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 250 && !condition(); i++)
            await Task.Delay(20);
        return condition();
    }

    /// <summary>Holds every send until the gate opens.</summary>
    private sealed class GateObserver(Task gate) : ISendObserver
    {
        public Task PreSend<T>(SendContext<T> context)
            where T : class => gate;

        public Task PostSend<T>(SendContext<T> context)
            where T : class => Task.CompletedTask;

        public Task SendFault<T>(SendContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    private sealed class WithLifetime(IServiceProvider inner, IHostApplicationLifetime lifetime) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IHostApplicationLifetime) ? lifetime : inner.GetService(serviceType);
    }

    private sealed class StoppingLifetime(CancellationToken stopping) : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => stopping;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
