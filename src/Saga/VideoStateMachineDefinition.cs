using AiProd.Contracts;
using AiProd.Saga.Outbox;
using AiProd.SagaStore;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Saga;

/// <summary>
/// Endpoint settings of the saga (<see cref="RoleEndpoints.Saga"/>): a failed event is retried for about 80 s (the
/// store or Pub/Sub out of reach for a while), a store concurrency conflict (the repository serialises or
/// version-checks updates of one video) gets its own quick, jittered retry inside that one, and outgoing messages
/// (commands, events, the step deadline) are saved with the state in its outbox and leave only after that save
/// (<see cref="OutboxDispatchFilter"/>).
/// </summary>
public sealed class VideoStateMachineDefinition : SagaDefinition<VideoState>
{
    public VideoStateMachineDefinition()
    {
        Endpoint(e => e.Name = RoleEndpoints.Saga);
        ConcurrentMessageLimit = 32;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<VideoState> sagaConfigurator,
        IRegistrationContext context)
    {
        // One video's messages one after another in this process (the outermost filter, so a message being retried keeps
        // its place): an optimistic store (Firestore) would otherwise make all but one of a render round's ShotRendered
        // lose every version-checked write, which with 50 shots outlasts their retries. Different videos run side by
        // side; replicas still meet only in the version check. One partitioner for every message type: given a partition
        // count alone, MassTransit builds one per message type's pipe, and a video's ShotRendered then waited for its
        // other ShotRendered but not for the outbox drop of the event before it (a lost version check and a retry).
        var partitioner = endpointConfigurator.CreatePartitioner(ConcurrentMessageLimit ?? 32);
        endpointConfigurator.UsePartitioner(partitioner, VideoKey);

        // About 80 s in all: the store (or Pub/Sub, for the sends after the save) may be out of reach for a while, and
        // the message stays leased meanwhile, holding back its partition (its video and 1 in 32 of the others). Past
        // that it faults to video-saga_error and the video waits for its deadline or the stalled-video sweep; a
        // document over the store's size limit cannot get better and faults at once.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<SagaDocumentTooLargeException>();
            r.Intervals(50, 200, 500, 1000, 2000, 5000, 10000, 15000, 15000, 15000, 15000);
        });

        // Optimistic stores (Firestore) reject all but one of the writes of a video that meet (from two replicas):
        // retry the loser soon and at jittered times so they do not collide again.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<ConcurrencyException>();
            r.ConnectRetryObserver(new ConcurrencyConflictObserver());
            r.Exponential(20, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(20));
        });
        // Inside the retries, so only an attempt whose state (and outbox) was saved sends anything.
        var drops = context.GetRequiredService<DeferredOutboxDrops>();
        endpointConfigurator.UseFilter(new OutboxDispatchFilter(context.GetRequiredService<OutboxDispatcher>(), drops));
        sagaConfigurator.UseFilter(new DropSentOutboxFilter(drops));
    }

    /// <summary>The video a message is about (a fault's: the faulted message's video); otherwise its own id, which spreads it anywhere.</summary>
    private static Guid VideoKey(ConsumeContext context)
    {
        if (context.TryGetMessage<IVideoMessage>(out var video) && video.Message.VideoId != Guid.Empty)
            return video.Message.VideoId;
        // The start of a video is not an IVideoMessage (it has no attempt), but its outbox is dispatched and dropped while
        // the first step's answer may already be here: in its video's partition, they wait for each other.
        if (context.TryGetMessage<GenerateVideo>(out var start))
            return start.Message.VideoId;
        if (context.TryGetMessage<ApproveVideo>(out var approve))
            return approve.Message.VideoId;
        if (context.TryGetMessage<RejectVideo>(out var reject))
            return reject.Message.VideoId;
        if (context.TryGetMessage<Fault<IVideoMessage>>(out var fault) && fault.Message.Message?.VideoId is { } faulted && faulted != Guid.Empty)
            return faulted;
        return context.MessageId ?? Guid.Empty;
    }
}
