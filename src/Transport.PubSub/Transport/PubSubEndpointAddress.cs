namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// MassTransit addresses on Pub/Sub: <c>pubsub://{project}/{name}</c> is a receive endpoint (its topic and the
/// subscription of the same name); <c>pubsub://{project}/{name}?type=topic</c> is a bare topic (a published message type).
/// Names here are without the environment prefix; it is added when the entity is addressed on the server.
/// </summary>
internal readonly record struct PubSubEndpointAddress(string Project, string Name, bool IsTopic)
{
    public const string Scheme = "pubsub";

    public static PubSubEndpointAddress Parse(Uri hostAddress, Uri address)
    {
        var path = address.AbsolutePath.Trim('/');
        var name = path.Contains('/', StringComparison.Ordinal) ? path[(path.LastIndexOf('/') + 1)..] : path;
        if (address.Scheme is "queue" or "exchange" or "topic")
            name = address.AbsoluteUri[(address.Scheme.Length + 1)..];
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"The address '{address}' names no endpoint or topic.", nameof(address));
        var isTopic = address.Scheme == "topic" || address.Query.Contains("type=topic", StringComparison.OrdinalIgnoreCase);
        return new PubSubEndpointAddress(hostAddress.Host, PubSubNames.Sanitize(Uri.UnescapeDataString(name)), isTopic);
    }

    public Uri ToUri() => new($"{Scheme}://{Project}/{Name}{(IsTopic ? "?type=topic" : string.Empty)}");

    public static Uri HostAddress(string project) => new($"{Scheme}://{project}/");
}
