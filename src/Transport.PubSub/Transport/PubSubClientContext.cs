using MassTransit;
using MassTransit.Agents;
using MassTransit.Middleware;
using MassTransit.Transports;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>The pipe context a receive transport runs in: the bus's shared entities and client.</summary>
internal interface PubSubClientContext : PipeContext
{
    PubSubEntities Entities { get; }
}

internal sealed class PubSubClientContextImpl(PubSubEntities entities, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), PubSubClientContext
{
    public PubSubEntities Entities { get; } = entities;
}

internal sealed class PubSubClientContextFactory(PubSubEntities entities) : IPipeContextFactory<PubSubClientContext>
{
    public IPipeContextAgent<PubSubClientContext> CreateContext(ISupervisor supervisor)
    {
        var agent = supervisor.AddAsyncContext<PubSubClientContext>();
        _ = agent.Created(new PubSubClientContextImpl(entities, supervisor.Stopping));
        return agent;
    }

    public IActivePipeContextAgent<PubSubClientContext> CreateActiveContext(ISupervisor supervisor, PipeContextHandle<PubSubClientContext> context,
        CancellationToken cancellationToken) =>
        supervisor.AddActiveContext(context, context.Context.IsCompletedSuccessfully ? Task.FromResult(context.Context.Result) : context.Context.WaitAsync(cancellationToken));
}

internal sealed class PubSubClientContextSupervisor(PubSubEntities entities)
    : TransportPipeContextSupervisor<PubSubClientContext>(new PubSubClientContextFactory(entities));
