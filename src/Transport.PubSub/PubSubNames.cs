using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace AiProd.Transport.PubSub;

/// <summary>
/// Pub/Sub ids: 3–255 characters from [A-Za-z0-9-_.~+%], starting with a letter, never starting with "goog".
/// Message types become topic ids like <c>AiProd.Contracts.GenerateVideo</c>; generic arguments follow "--" and
/// close with "--" (<c>MassTransit.Fault--AiProd.Contracts.RenderShot--</c>). Anything longer than 255 characters keeps
/// its first 240 and ends in a hash of the whole, so distinct long names stay distinct.
/// </summary>
public static class PubSubNames
{
    public const int MaxLength = 255;
    private static readonly ConcurrentDictionary<Type, string> TypeNames = new();

    /// <summary>The topic id (without prefix) for a message type.</summary>
    public static string ForMessageType(Type type) => TypeNames.GetOrAdd(type, t => Sanitize(Format(t)));

    /// <summary>Turns any name (an endpoint name, a temporary queue name) into a valid id, deterministically.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 2);
        foreach (var c in name)
            builder.Append(IsAllowed(c) ? c : '-');
        if (builder.Length == 0 || !char.IsAsciiLetter(builder[0]))
            builder.Insert(0, "mt-");
        if (builder.ToString().StartsWith("goog", StringComparison.OrdinalIgnoreCase))
            builder.Insert(0, "mt-");
        while (builder.Length < 3)
            builder.Append('_');
        return Shorten(builder.ToString());
    }

    /// <summary>The full id: the environment prefix and the name, shortened to the limit.</summary>
    public static string WithPrefix(string prefix, string name) => Shorten(prefix + name);

    /// <summary>The subscription through which endpoint <paramref name="endpoint"/> receives messages published to <paramref name="topic"/>.</summary>
    public static string Subscription(string endpoint, string topic) => Shorten($"{endpoint}.{topic}");

    /// <summary>Where an endpoint's faulted messages are moved: a topic and a subscription of this name.</summary>
    internal static string ErrorEndpoint(string endpoint) => $"{endpoint}_error";

    /// <summary>Where an endpoint's messages that no consumer took are moved.</summary>
    internal static string SkippedEndpoint(string endpoint) => $"{endpoint}_skipped";

    internal static bool IsValidFragment(string fragment) =>
        fragment.Length > 0 && char.IsAsciiLetter(fragment[0]) && fragment.All(IsAllowed)
        && !fragment.StartsWith("goog", StringComparison.OrdinalIgnoreCase);

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '+' or '%';

    private static string Shorten(string id)
    {
        if (id.Length <= MaxLength)
            return id;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..14];
        return $"{id[..240]}-{hash}";
    }

    private static string Format(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
            name = name[..tick];
        var declaring = type.DeclaringType is { } outer && !type.IsGenericParameter ? Format(outer) + "+" : (type.Namespace is { Length: > 0 } ns ? ns + "." : string.Empty);
        if (!type.IsGenericType)
            return declaring + name;
        var arguments = type.GetGenericArguments().Select(Format);
        return $"{declaring}{name}--{string.Join("--", arguments)}--";
    }
}
