using AiProd.Saga.Outbox;
using AiProd.SagaStore;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Saga;

/// <summary>How a host adds the video saga; the bus it runs on and the store it keeps videos in are the host's choice.</summary>
public static class VideoSagaRegistrationExtensions
{
    /// <summary>
    /// The video saga with its endpoint definition (<c>video-saga</c>), its outbox (in the repository's
    /// <see cref="ISagaDocumentStore{TSaga}"/> when it registers one, else in process memory) and a system <see cref="TimeProvider"/> unless one is
    /// registered; add the repository to what it returns. The saga sends its step deadlines to itself with a delay
    /// (<c>SendContext.Delay</c>), so the transport must deliver delayed messages (the in-memory transport and ours for
    /// Pub/Sub do).
    /// </summary>
    public static ISagaRegistrationConfigurator<VideoState> AddVideoSagaStateMachine(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        // The outbox lives where the saga does: in the document store when the repository registered one.
        bus.TryAddSingleton<IVideoOutboxStore>(provider => provider.GetService<ISagaDocumentStore<VideoState>>() is { } documents
            ? new DocumentVideoOutboxStore(documents)
            : new InMemoryVideoOutboxStore());
        bus.TryAddSingleton<OutboxDispatcher>();
        // Sent entries leave the document in the video's next save; what is left is dropped when the host stops.
        bus.TryAddSingleton<DeferredOutboxDrops>();
        bus.AddHostedService(provider => provider.GetRequiredService<DeferredOutboxDrops>());
        return bus.AddSagaStateMachine<VideoStateMachine, VideoState, VideoStateMachineDefinition>();
    }

    /// <summary>
    /// Resumes every unfinished video once at start-up (<see cref="UnfinishedVideoResumer"/>, when
    /// <see cref="PipelineOptions.ResumeAllOnStart"/> is on). Only for a host whose transport keeps nothing across a
    /// restart (the in-memory bus); on a durable transport (Pub/Sub) the messages in flight and the scheduled
    /// deadlines survive, and every replica resuming every video would only send duplicates.
    /// </summary>
    public static IServiceCollection AddVideoResumeOnStart(this IServiceCollection services)
    {
        services.AddHostedService<UnfinishedVideoResumer>();
        return services;
    }

    /// <summary>
    /// Resumes, every <see cref="PipelineOptions.StalledSweepInterval"/>, the videos whose step deadline is overdue by
    /// more than <see cref="PipelineOptions.StalledAfter"/> (<see cref="StalledVideoResumer"/>): a deadline the transport
    /// lost. For a host whose saga store survives it (SQLite, Firestore); claimed per video, so every replica may run it.
    /// </summary>
    public static IServiceCollection AddStalledVideoResume(this IServiceCollection services)
    {
        services.AddHostedService<StalledVideoResumer>();
        return services;
    }
}
