using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Outbox;
using AiProd.SagaStore;
using AiProd.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AiProd.Orchestration;

/// <summary>The orchestrator role: the video saga on its store, and the reads of its documents.</summary>
public static class OrchestratorExtensions
{
    /// <summary>
    /// The saga (endpoint <c>video-saga</c>) on the store of <c>Saga:Store</c>, its options (section <c>Pipeline</c>),
    /// and the status reads.
    /// </summary>
    public static IHostApplicationBuilder AddOrchestrator(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var store = services.AddSagaStoreOptions(builder.Configuration);
        services.AddValidatedOptions<PipelineOptions>(builder.Configuration, PipelineOptions.Section);
        // A transport that keeps nothing across a restart (the in-memory bus) loses what was in flight: resume every
        // unfinished video at start.
        if (builder.Configuration[$"{PipelineOptions.Section}:{nameof(PipelineOptions.ResumeAllOnStart)}"] is null)
        {
            var inMemory = BusOptions.From(builder.Configuration).IsInMemory;
            services.PostConfigure<PipelineOptions>(o => o.ResumeAllOnStart = inMemory);
        }

        services.AddSingleton<VideoStatusReader>();
        // Only a transport that keeps nothing needs a resume: on Pub/Sub the messages in flight and the scheduled step
        // deadlines survive a restart, and every replica resuming every video would only send duplicates.
        if (BusOptions.From(builder.Configuration).IsInMemory)
            services.AddVideoResumeOnStart();
        // A store that survives a crash may hold outbox entries the crash kept from being sent, and videos whose step
        // deadline the transport lost (a Pub/Sub emulator restarted).
        if (!store.IsInMemory)
        {
            services.AddHostedService<OutboxRecoveryService>();
            services.AddStalledVideoResume();
        }
        services.AddValidatedOptions<SubmissionOptions>(builder.Configuration, SubmissionOptions.Section);
        services.AddSingleton<VideoSubmissions>();
        services.AddSingleton<VideoDecisions>();
        builder.ConfigureBus(bus => bus.AddVideoSaga(store));
        return builder;
    }

    /// <summary>Status reads from the saga store, for a service that does not run the saga (the distributed gateway).</summary>
    public static IHostApplicationBuilder AddVideoStatusReads(this IHostApplicationBuilder builder)
    {
        var store = builder.Services.AddSagaStoreOptions(builder.Configuration);
        builder.Services.AddVideoQueries(store);
        builder.Services.AddSingleton<VideoStatusReader>();
        // Submitting stores the video with its GenerateVideo in the outbox; the orchestrator sends it if this process cannot.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IVideoOutboxStore>(provider => new DocumentVideoOutboxStore(provider.GetRequiredService<ISagaDocumentStore<VideoState>>()));
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddValidatedOptions<SubmissionOptions>(builder.Configuration, SubmissionOptions.Section);
        builder.Services.AddSingleton<VideoSubmissions>();
        builder.Services.AddSingleton<VideoDecisions>();
        return builder;
    }
}
