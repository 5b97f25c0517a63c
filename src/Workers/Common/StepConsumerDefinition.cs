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

    protected StepConsumerDefinition(IOptions<WorkerOptions> options, Func<WorkerOptions, int> concurrency, string endpoint)
    {
        // Every consumer of a role shares the role's endpoint (RoleEndpoints): one subscription to scale on. Commands are
        // sent there, never published, so the endpoint subscribes to no message-type topic.
        Endpoint(e =>
        {
            e.Name = endpoint;
            e.ConfigureConsumeTopology = false;
        });
        ConcurrentMessageLimit = concurrency(options.Value);
        _retries = options.Value.Retries;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<StepException>();
            r.Exponential(_retries, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
        });
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
