namespace AiProd.Transport.PubSub;

/// <summary>
/// Where the transport connects and how it behaves. Bound from configuration by the host or set in
/// code through <c>cfg.Host(...)</c>; checked by <see cref="Validate"/> when the bus is created.
/// </summary>
public sealed class PubSubTransportOptions
{
    /// <summary>The Google Cloud project that owns the topics and subscriptions. Required.</summary>
    public string ProjectId { get; set; } = string.Empty;

    /// <summary>
    /// host:port of a Pub/Sub emulator (plain HTTP/2, no credentials). Defaults to the PUBSUB_EMULATOR_HOST environment
    /// variable; when empty the real service is used with Application Default Credentials.
    /// </summary>
    public string? EmulatorHost { get; set; } = Environment.GetEnvironmentVariable("PUBSUB_EMULATOR_HOST");

    /// <summary>The real service's address. Default https://pubsub.googleapis.com (a regional endpoint also works).</summary>
    public Uri Endpoint { get; set; } = new("https://pubsub.googleapis.com");

    /// <summary>
    /// Put in front of every topic and subscription id, so environments can share a project (e.g. "dev-" or "ci42.").
    /// Must be valid in a Pub/Sub id. Default empty.
    /// </summary>
    public string NamePrefix { get; set; } = string.Empty;

    /// <summary>Ack deadline of created subscriptions and of each streaming pull, 10–600 s. Default 60 s.</summary>
    public TimeSpan AckDeadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a message's lease is extended while its consumer runs, at most. Default 60 min.</summary>
    public TimeSpan MaxTotalAckExtension { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Messages an endpoint holds unacknowledged at once (client-side flow control; an endpoint's PrefetchCount wins). Default 100.</summary>
    public int MaxOutstandingMessages { get; set; } = 100;

    /// <summary>Bytes of message data an endpoint holds unacknowledged at once. Default 100 MB.</summary>
    public long MaxOutstandingBytes { get; set; } = 100_000_000;

    /// <summary>
    /// StreamingPulls per subscription, 1–32. More streams raise what one endpoint can receive (a stream is paced by the
    /// server); flow control stays shared across them. Default 1.
    /// </summary>
    public int StreamsPerSubscription { get; set; } = 1;

    /// <summary>Messages consumed at once per endpoint when the endpoint sets no limit of its own; null leaves MassTransit's default.</summary>
    public int? ConcurrentMessageLimit { get; set; }

    /// <summary>A publish batch is sent when it holds this many messages (API maximum 1000). Default 100.</summary>
    public int BatchMaxMessages { get; set; } = 100;

    /// <summary>... or this many bytes (API maximum 10 MB). Default 1 MB.</summary>
    public long BatchMaxBytes { get; set; } = 1_000_000;

    /// <summary>... or when its first message has waited this long. Default 10 ms.</summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Batches in flight at once per topic for messages without an ordering key (keyed ones: always one). Default 4.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>Set the message's CorrelationId as its ordering key (the partition key, when one is set, wins). Default true.</summary>
    public bool OrderByCorrelationId { get; set; } = true;

    /// <summary>How long a publish keeps retrying transient failures (server unavailable, quota) before it fails. Default 60 s.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>On stop, how long consumers in flight may finish before their messages are handed back (nacked). Default 30 s.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval of the keep-alive written on an idle streaming pull. Default 25 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// How long a StreamingPull is used before it is closed politely and replaced; its deadline is 4 s later, so this
    /// also bounds how long a server that never notices a vanished client (the emulator) keeps the streams a killed
    /// process left, and on an ordered subscription the keys it assigns them. At least 1 s. Default 5 min.
    /// </summary>
    public TimeSpan StreamLifetime { get; set; } = TimeSpan.FromMinutes(5);

    internal bool UsesEmulator => !string.IsNullOrWhiteSpace(EmulatorHost);

    /// <summary>Every problem with these options, in words; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ProjectId))
            problems.Add("PubSub:ProjectId is required (any id works with the emulator).");
        if (!string.IsNullOrEmpty(NamePrefix) && !PubSubNames.IsValidFragment(NamePrefix))
            problems.Add($"PubSub:NamePrefix '{NamePrefix}' may only use letters, digits and - _ . ~ + %, and must start with a letter.");
        if (AckDeadline < TimeSpan.FromSeconds(10) || AckDeadline > TimeSpan.FromSeconds(600))
            problems.Add($"PubSub:AckDeadline must be 10–600 s (is {AckDeadline.TotalSeconds} s).");
        if (MaxTotalAckExtension < AckDeadline)
            problems.Add("PubSub:MaxTotalAckExtension must be at least the AckDeadline.");
        if (MaxOutstandingMessages < 1)
            problems.Add("PubSub:MaxOutstandingMessages must be at least 1.");
        if (StreamsPerSubscription is < 1 or > 32)
            problems.Add("PubSub:StreamsPerSubscription must be 1–32.");
        if (MaxOutstandingBytes < 1024)
            problems.Add("PubSub:MaxOutstandingBytes must be at least 1024.");
        if (ConcurrentMessageLimit is < 1)
            problems.Add("PubSub:ConcurrentMessageLimit must be at least 1 when set.");
        if (BatchMaxMessages is < 1 or > 1000)
            problems.Add("PubSub:BatchMaxMessages must be 1–1000 (the API's limit).");
        if (BatchMaxBytes is < 1 or > 10_000_000)
            problems.Add("PubSub:BatchMaxBytes must be 1–10,000,000 (the API's limit).");
        if (BatchDelay < TimeSpan.Zero || BatchDelay > TimeSpan.FromSeconds(10))
            problems.Add("PubSub:BatchDelay must be 0–10 s.");
        if (MaxConcurrentBatches < 1)
            problems.Add("PubSub:MaxConcurrentBatches must be at least 1.");
        if (PublishTimeout <= TimeSpan.Zero)
            problems.Add("PubSub:PublishTimeout must be positive.");
        if (StopTimeout < TimeSpan.Zero)
            problems.Add("PubSub:StopTimeout must not be negative.");
        if (StreamLifetime < TimeSpan.FromSeconds(1))
            problems.Add("PubSub:StreamLifetime must be at least 1 s.");
        if (KeepAliveInterval < TimeSpan.FromSeconds(1))
            problems.Add("PubSub:KeepAliveInterval must be at least 1 s.");
        return problems;
    }
}
