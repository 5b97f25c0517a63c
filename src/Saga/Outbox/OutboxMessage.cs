using System.Text.Json;
using System.Text.Json.Serialization;
using AiProd.Contracts;

namespace AiProd.Saga.Outbox;

/// <summary>
/// A message the saga decided on, kept in the saga document until it has been handed to the transport
/// (<see cref="VideoState.Outbox"/>). Written in the same store write as the state change that decided it, so a crash
/// between the save and the send loses nothing: whoever finds it still pending sends it, with the same
/// <see cref="MessageId"/>.
/// </summary>
/// <param name="MessageId">The transport message id, the same on every send of this entry (receivers can deduplicate on it).</param>
/// <param name="Destination">The endpoint address (<c>queue:render-worker</c>) of a send; null for a publish.</param>
/// <param name="MessageType">The contract's type name in <c>AiProd.Contracts</c> (for example <c>AiProd.Contracts.RenderShot</c>).</param>
/// <param name="DelayMs">Milliseconds after <see cref="EnqueuedAtUnixMs"/> at which it is to be delivered (a step deadline); null at once.</param>
/// <param name="Unordered">Sent without a correlation id, so no ordering key holds it back (a delayed message on an ordered subscription).</param>
public sealed record OutboxMessage(Guid MessageId, string? Destination, string MessageType, long? DelayMs = null, bool Unordered = false)
{
    private string? _body;

    /// <summary>When the saga decided on it (Unix milliseconds of the saga's clock); a delay counts from here.</summary>
    public long EnqueuedAtUnixMs { get; init; }

    /// <summary>
    /// The message this entry was made from, in the process that made it (never stored): the send right after the
    /// save uses it instead of reading <see cref="Body"/> back. An entry loaded from the store has none.
    /// </summary>
    [JsonIgnore]
    public object? Made { get; private init; }

    /// <summary>
    /// The message as JSON: what the store saves and a later process sends. Written from <see cref="Made"/> when first
    /// asked for (a store that keeps the document in memory never asks).
    /// </summary>
    public string Body
    {
        get => _body ??= Made is { } made ? JsonSerializer.Serialize(made, made.GetType(), Json) : throw new InvalidOperationException("An outbox entry without its message.");
        init => _body = value;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An entry for <paramref name="message"/>, as its runtime type.</summary>
    public static OutboxMessage For(object message, Uri? destination, TimeSpan? delay = null, bool unordered = false)
    {
        var type = message.GetType();
        if (type.Assembly != ContractsAssembly)
            throw new ArgumentException($"Only messages of AiProd.Contracts go through the saga outbox, not {type.Name}.", nameof(message));
        return new OutboxMessage(
            Guid.NewGuid(),
            destination?.ToString(),
            type.FullName!,
            delay is { } d ? (long)d.TotalMilliseconds : null,
            unordered)
        {
            Made = message,
        };
    }

    /// <summary>Two entries are equal when what is stored of them is: <see cref="Made"/> is not part of it.</summary>
    public bool Equals(OutboxMessage? other) =>
        other is not null && MessageId == other.MessageId && Destination == other.Destination && MessageType == other.MessageType
        && Body == other.Body && DelayMs == other.DelayMs && Unordered == other.Unordered && EnqueuedAtUnixMs == other.EnqueuedAtUnixMs;

    public override int GetHashCode() => HashCode.Combine(MessageId, Destination, MessageType, Body, DelayMs, Unordered, EnqueuedAtUnixMs);

    /// <summary>The message back as its contract type: the one it was made from in this process, else read from <see cref="Body"/>.</summary>
    public (object Message, Type Type) Read()
    {
        if (Made is { } made)
            return (made, made.GetType());
        var type = ContractsAssembly.GetType(MessageType, throwOnError: false)
            ?? throw new InvalidOperationException($"The outbox holds a message of unknown type '{MessageType}'.");
        var message = JsonSerializer.Deserialize(Body, type, Json)
            ?? throw new InvalidOperationException($"The outbox holds an empty {type.Name}.");
        return (message, type);
    }

    private static System.Reflection.Assembly ContractsAssembly => typeof(IVideoMessage).Assembly;
}
