using System.Runtime.CompilerServices;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Common;

/// <summary>
/// Concurrency and retry of a worker consumer, from <see cref="WorkerOptions"/>. Each consumer has its own
/// definition class so a deployment can tune one worker without touching the others.
/// </summary>
public abstract class StepConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly int _retries;
    private readonly int _endpointLimit;

    protected StepConsumerDefinition(IOptions<WorkerOptions> options, Func<WorkerOptions, int> concurrency, string endpoint)
        : this(options, concurrency, endpoint, concurrency)
    {
    }

    /// <summary>
    /// A consumer whose own limit (<paramref name="concurrency"/>) differs from what its endpoint takes in at once
    /// (<paramref name="endpointConcurrency"/>): MassTransit caps the deliveries of the endpoint, which every consumer of
    /// the role shares, as well as each consumer by its own limit.
    /// </summary>
    protected StepConsumerDefinition(
        IOptions<WorkerOptions> options, Func<WorkerOptions, int> concurrency, string endpoint, Func<WorkerOptions, int> endpointConcurrency)
    {
        // Every consumer of a role shares the role's endpoint (RoleEndpoints): one subscription to scale on. Commands are
        // sent there, never published, so the endpoint subscribes to no message-type topic.
        Endpoint(e =>
        {
            e.Name = endpoint;
            e.ConfigureConsumeTopology = false;
        });
        ConcurrentMessageLimit = concurrency(options.Value);
        _endpointLimit = endpointConcurrency(options.Value);
        _retries = options.Value.Retries;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // The endpoint's own limit, and no more held than that (on Pub/Sub the lease count: what this replica cannot
        // start yet stays on the server for another one). Every consumer of the role sets the same values. Set here, on the
        // endpoint being configured: given in Endpoint(...) above it did not take, the endpoint kept the consumers' limit.
        endpointConfigurator.ConcurrentMessageLimit = _endpointLimit;
        endpointConfigurator.PrefetchCount = _endpointLimit;

        // The retry and the outbox are the endpoint's, which the role's consumers share: put them on once, not once per
        // consumer (MassTransit does not retry again in an outer retry filter, but every message went through each copy).
        if (!EndpointFilters.Add(endpointConfigurator))
            return;
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<StepException>();
            r.Exponential(_retries, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
        });
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}

/// <summary>The endpoints a <see cref="StepConsumerDefinition{TConsumer}"/> already gave its retry and outbox.</summary>
internal static class EndpointFilters
{
    private static readonly ConditionalWeakTable<IReceiveEndpointConfigurator, object> Configured = [];

    /// <summary>True the first time <paramref name="endpoint"/> is seen.</summary>
    public static bool Add(IReceiveEndpointConfigurator endpoint) => Configured.TryAdd(endpoint, Configured);
}
