using AiProd.Transport.PubSub;
using AiProd.Transport.PubSub.Configuration;
using AiProd.Transport.PubSub.Topology;

// In MassTransit's namespace, like UsingGooglePubSub, so it is found where the bus is.
namespace MassTransit;

public static class PubSubTopologyExtensions
{
    /// <summary>Creates the topic of <typeparamref name="T"/> when the bus starts (see <see cref="IPubSubBusFactoryConfigurator.DeclarePublishTopics"/>).</summary>
    public static void DeclarePublishTopic<T>(this IPubSubBusFactoryConfigurator configurator)
        where T : class =>
        configurator.DeclarePublishTopics(typeof(T));

    /// <summary>
    /// Every topic and subscription this bus creates and consumes, from its configuration alone (no call to Pub/Sub):
    /// per receive endpoint its topic, its own subscription, one subscription per consumed message type, its error and
    /// skipped topics and whether it is ordered; and the declared publish topics. Available once the bus is created
    /// (resolving <see cref="IBusControl"/> is enough); endpoints connected later appear once connected.
    /// </summary>
    public static PubSubTopology GetPubSubTopology(this IBus bus) => BusTopology(bus).Describe();

    /// <summary>
    /// Creates what is missing of this bus's topology, temporary endpoints left out (see <see cref="PubSubTopologyDeployer"/>).
    /// The bus need not be started.
    /// </summary>
    public static Task DeployPubSubTopologyAsync(this IBus bus, CancellationToken cancellationToken = default)
    {
        var topology = BusTopology(bus);
        return PubSubTopologyDeployer.DeployAsync(topology.Client, topology.Describe().WithoutTemporaryEndpoints(), cancellationToken);
    }

    private static PubSubBusTopology BusTopology(IBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        return bus.Topology as PubSubBusTopology
            ?? throw new ArgumentException("The bus does not run on Google Cloud Pub/Sub (UsingGooglePubSub).", nameof(bus));
    }
}
