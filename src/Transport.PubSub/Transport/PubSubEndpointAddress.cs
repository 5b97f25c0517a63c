namespace AiProd.Transport.PubSub.Transport;

/// <summary>
/// MassTransit addresses on Pub/Sub: <c>pubsub://{project}/{name}</c> is a receive endpoint (its topic and the
/// subscription of the same name); <c>pubsub://{project}/{name}?type=topic</c> is a bare topic (a published message type).
/// MassTransit's short forms work too: <c>queue:{name}</c> is the endpoint, <c>topic:{name}</c> and
/// <c>exchange:{name}</c> the bare topic (their query, e.g. <c>?durable=false</c>, is ignored).
/// Names here are without the environment prefix; it is added when the entity is addressed on the server.
/// </summary>
internal readonly record struct PubSubEndpointAddress(string Project, string Name, bool IsTopic)
{
    public const string Scheme = "pubsub";

    public static PubSubEndpointAddress Parse(Uri hostAddress, Uri address)
    {
        string name;
        bool isTopic;
        if (address.Scheme is "queue" or "exchange" or "topic")
        {
            // A short address: the whole rest is the name (no authority, so no path to split).
            name = address.OriginalString[(address.Scheme.Length + 1)..];
            var query = name.IndexOf('?', StringComparison.Ordinal);
            if (query >= 0)
                name = name[..query];
            isTopic = address.Scheme is "topic" or "exchange";
        }
        else
        {
            var path = address.AbsolutePath.Trim('/');
            name = path.Contains('/', StringComparison.Ordinal) ? path[(path.LastIndexOf('/') + 1)..] : path;
            isTopic = address.Query.Contains("type=topic", StringComparison.OrdinalIgnoreCase);
        }

        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"The address '{address}' names no endpoint or topic.", nameof(address));
        return new PubSubEndpointAddress(hostAddress.Host, PubSubNames.Sanitize(Uri.UnescapeDataString(name)), isTopic);
    }

    public Uri ToUri() => new($"{Scheme}://{Project}/{Name}{(IsTopic ? "?type=topic" : string.Empty)}");

    public static Uri HostAddress(string project) => new($"{Scheme}://{project}/");
}
