using System.Diagnostics.CodeAnalysis;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Topology;

namespace AiProd.Transport.PubSub.Configuration;

/// <summary>Message type → topic name: the namespace-qualified type name, made a valid Pub/Sub id (see <see cref="PubSubNames"/>).</summary>
internal sealed class PubSubEntityNameFormatter : IEntityNameFormatter
{
    public static readonly PubSubEntityNameFormatter Instance = new();

    public string FormatEntityName<T>() => PubSubNames.ForMessageType(typeof(T));
}

internal sealed class PubSubTopologyConfiguration : IPubSubTopologyConfiguration
{
    public PubSubTopologyConfiguration(IMessageTopologyConfigurator messageTopology)
    {
        var publish = new PubSubPublishTopology(messageTopology);
        publish.ConnectPublishTopologyConfigurationObserver(new DelegatePublishTopologyConfigurationObserver(GlobalTopology.Publish));

        var send = new PubSubSendTopology();
        send.ConnectSendTopologyConfigurationObserver(new DelegateSendTopologyConfigurationObserver(GlobalTopology.Send));
        send.TryAddConvention(new PartitionKeySendTopologyConvention());
        publish.ConnectPublishTopologyConfigurationObserver(new PublishToSendTopologyConfigurationObserver(send));

        Message = messageTopology;
        Send = send;
        Publish = publish;
        Consume = new PubSubConsumeTopology();
    }

    public PubSubTopologyConfiguration(IPubSubTopologyConfiguration parent)
    {
        Message = parent.Message;
        Send = parent.Send;
        Publish = parent.Publish;
        Consume = parent.Consume;
    }

    public IMessageTopologyConfigurator Message { get; }

    public ISendTopologyConfigurator Send { get; }

    public IPublishTopologyConfigurator Publish { get; }

    public IConsumeTopologyConfigurator Consume { get; }

    public IEnumerable<ValidationResult> Validate() => Send.Validate().Concat(Publish.Validate()).Concat(Consume.Validate());
}

internal sealed class PubSubSendTopology : SendTopology;

internal sealed class PubSubConsumeTopology : ConsumeTopology;

internal sealed class PubSubPublishTopology(IMessageTopology messageTopology) : PublishTopology
{
    /// <summary>The message types configured so far (<c>cfg.Publish&lt;T&gt;()</c> and the like) and not excluded.</summary>
    public IReadOnlyList<Type> ConfiguredMessageTypes()
    {
        var types = new List<Type>();
        ForEachMessageType<IPubSubMessagePublishTopology>(t =>
        {
            if (!t.Exclude)
                types.Add(t.MessageType);
        });
        return types;
    }

    protected override IMessagePublishTopologyConfigurator CreateMessageTopology<T>()
    {
        var topology = new PubSubMessagePublishTopology<T>(this, messageTopology.GetMessageTopology<T>());
        OnMessageTopologyCreated(topology);
        return topology;
    }
}

/// <summary>What the publish topology knows of a configured type without knowing the type at compile time.</summary>
internal interface IPubSubMessagePublishTopology
{
    Type MessageType { get; }

    bool Exclude { get; }
}

/// <summary>A published type's address: <c>pubsub://{project}/{topic}?type=topic</c>; <c>SetEntityName</c> overrides the topic.</summary>
internal sealed class PubSubMessagePublishTopology<T>(IPublishTopology publishTopology, IMessageTopology<T> messageTopology)
    : MessagePublishTopology<T>(publishTopology), IPubSubMessagePublishTopology
    where T : class
{
    public Type MessageType => typeof(T);

    public override bool TryGetPublishAddress(Uri baseAddress, [NotNullWhen(true)] out Uri? publishAddress)
    {
        publishAddress = new Uri(baseAddress, $"/{PubSubNames.Sanitize(messageTopology.EntityName)}?type=topic");
        return true;
    }
}
