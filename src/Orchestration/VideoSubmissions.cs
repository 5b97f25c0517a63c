using System.Collections.Concurrent;
using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Outbox;
using AiProd.SagaStore;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Orchestration;

/// <summary>What became of a submission.</summary>
/// <param name="VideoId">The video it names.</param>
/// <param name="Created">Whether this call created it (false: it existed, a retried submission).</param>
/// <param name="Stored">The video as stored (in Accepted, or further along when it existed already); null on a store that keeps nothing.</param>
public sealed record Submission(Guid VideoId, bool Created, VideoState? Stored);

/// <summary>
/// Starts videos so that an acknowledged submission is never lost: on a store that survives a crash (SQLite, Firestore)
/// the video is written first, in Accepted, with the <see cref="GenerateVideo"/> that starts it in its outbox — one
/// create-only write — and only then acknowledged. The GenerateVideo is sent right away with the entry's message id,
/// for at most <see cref="SubmissionOptions.SendTimeout"/>, and the entry stays: the saga's save that handles it drops
/// it. The answer does not wait for that send (up to <see cref="SubmissionOptions.MaxPendingSends"/> at once; past that
/// it does): the stored entry is what makes the video start. If the send fails, takes longer or this process dies
/// first, the orchestrator's recovery sweep sends it (a second copy is ignored by the saga); a host that stops gives the
/// sends still out up to the send timeout. On the in-memory store it is sent straight to the saga, before the answer.
/// </summary>
public sealed class VideoSubmissions
{
    private readonly IBus _bus;
    private readonly TimeProvider _time;
    private readonly IOptions<SubmissionOptions> _options;
    private readonly ILogger<VideoSubmissions> _logger;
    private readonly ISagaDocumentStore<VideoState>? _store;
    private readonly ConcurrentDictionary<Guid, Task> _sending = new();

    public VideoSubmissions(IServiceProvider services, IBus bus, TimeProvider time, IOptions<SubmissionOptions> options, ILogger<VideoSubmissions> logger)
    {
        _bus = bus;
        _time = time;
        _options = options;
        _logger = logger;
        _store = services.GetService<ISagaDocumentStore<VideoState>>();
        // Before the bus stops (hosted services stop after this), so the sends still out can finish.
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(() => WaitForSends(options.Value.SendTimeout));
    }

    /// <summary>Stored videos whose start message is still being sent.</summary>
    public int PendingSends => _sending.Count;

    /// <summary>Whether a submitted video is in the store before <see cref="SubmitAsync"/> returns (not on the in-memory store).</summary>
    public bool IsDurable => _store is not null;

    /// <summary>
    /// Stores and starts video <paramref name="videoId"/>, owned by <paramref name="owner"/>. When a video with that id
    /// exists already (a retried submission), nothing is written and it is returned as <see cref="Submission.Stored"/>.
    /// </summary>
    public async Task<Submission> SubmitAsync(Guid videoId, VideoRequest request, string? owner, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var message = new GenerateVideo(videoId, request, now) { Owner = owner };
        if (_store is null)
        {
            // Sent to the orchestrator's endpoint rather than published: it waits there even if no orchestrator runs yet.
            var saga = await _bus.GetSendEndpoint(RoleEndpoints.SagaAddress);
            await saga.Send(message, cancellationToken);
            return new Submission(videoId, Created: true, Stored: null);
        }

        var video = new VideoState
        {
            CorrelationId = videoId,
            CurrentState = "Accepted",
            CreatedAt = now,
            UpdatedAt = now,
            Submitted = request,
            Request = request,
            Owner = owner,
            // Due at once: if its GenerateVideo is lost after the send, the orchestrator's stalled-video sweep starts it.
            StepDeadlineDueUnixMs = now.ToUnixTimeMilliseconds(),
        };
        var entry = OutboxMessage.For(message, RoleEndpoints.SagaAddress);
        SagaOutbox.Add(video, entry, now);
        try
        {
            await _store.InsertAsync(video, cancellationToken);
        }
        catch (ConcurrencyException)
        {
            return await _store.LoadAsync(videoId, cancellationToken) is { } existing
                ? new Submission(videoId, Created: false, existing)
                : throw new InvalidOperationException($"Video {videoId} exists and cannot be read.");
        }

        // Once stored the video is ours to start, even if the caller has gone: the send is not the caller's to cancel.
        // A background send is counted from before it starts until after it ended, so a stopping host that waits for it
        // sees the count without it.
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_sending.Count >= _options.Value.MaxPendingSends || !_sending.TryAdd(videoId, sent.Task))
            await SendAsync(message, entry.MessageId);
        else
            _ = SendInBackgroundAsync(message, entry.MessageId, sent);

        return new Submission(videoId, Created: true, video);
    }

    private async Task SendInBackgroundAsync(GenerateVideo message, Guid messageId, TaskCompletionSource sent)
    {
        try
        {
            await SendAsync(message, messageId).ConfigureAwait(false);
        }
        finally
        {
            _sending.TryRemove(message.VideoId, out _);
            sent.SetResult();
        }
    }

    /// <summary>Sends a stored video's start message, bounded by the send timeout; never throws (the outbox has it).</summary>
    private async Task SendAsync(GenerateVideo message, Guid messageId)
    {
        using var bounded = new CancellationTokenSource(_options.Value.SendTimeout);
        try
        {
            // Sent with the entry's message id and left in the outbox: the saga's first save, the one that takes this very
            // message, drops it (Admission), so a submission costs one write. Until then the entry is what the recovery
            // sweep would send, and only once it has waited OutboxRecoveryAfter (a second copy is ignored by the saga).
            var saga = await _bus.GetSendEndpoint(RoleEndpoints.SagaAddress).ConfigureAwait(false);
            await saga.Send(message, Pipe.Execute<SendContext>(c => c.MessageId = messageId), bounded.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Stored is enough: the orchestrator's recovery sweep sends what is left in the outbox.
            _logger.LogWarning(ex, "Video {VideoId} is stored; its start message waits in the outbox for the orchestrator", message.VideoId);
        }
    }

    /// <summary>On stop: the sends still out get up to <paramref name="timeout"/> (each is bounded by it anyway).</summary>
    private void WaitForSends(TimeSpan timeout)
    {
        var pending = _sending.Values.ToArray();
        if (pending.Length == 0)
            return;
        if (!Task.WaitAll(pending, timeout))
            _logger.LogWarning("Stopping with {Count} start messages unsent; the orchestrator's outbox sweep sends them", _sending.Count);
    }
}
