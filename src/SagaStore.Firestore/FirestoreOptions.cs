using System.Text.RegularExpressions;

namespace AiProd.SagaStore.Firestore;

/// <summary>
/// Where the saga documents live (section <c>Firestore</c>). With <see cref="EmulatorHost"/> set the store talks
/// plain HTTP/2 to the emulator; otherwise it talks TLS to <see cref="Endpoint"/> with Application Default Credentials.
/// </summary>
public sealed partial class FirestoreOptions
{
    public const string Section = "Firestore";

    /// <summary>The Google Cloud project id; any id works against the emulator.</summary>
    public string ProjectId { get; set; } = string.Empty;

    /// <summary>The Firestore database; <c>(default)</c> unless the project uses named databases.</summary>
    public string DatabaseId { get; set; } = "(default)";

    /// <summary>
    /// <c>host:port</c> of a Firestore emulator (no scheme). Defaults from the <c>FIRESTORE_EMULATOR_HOST</c>
    /// environment variable, like Google's own clients; empty means the real service.
    /// </summary>
    public string? EmulatorHost { get; set; } = Environment.GetEnvironmentVariable("FIRESTORE_EMULATOR_HOST");

    /// <summary>The real service's endpoint, used when no emulator is configured.</summary>
    public Uri Endpoint { get; set; } = new("https://firestore.googleapis.com");

    /// <summary>The collection holding one document per saga instance (document id = correlation id).</summary>
    public string Collection { get; set; } = "sagas";

    /// <summary>
    /// Saga documents whose last version this process remembers, so the saga's next message for one of them needs no
    /// read (a stale copy fails its version-checked write and is read again); 0 turns it off.
    /// </summary>
    public int DocumentCacheEntries { get; set; } = 256;

    /// <summary>Deadline of each Firestore call.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesEmulator => !string.IsNullOrWhiteSpace(EmulatorHost);

    /// <summary><c>projects/{p}/databases/{d}</c>.</summary>
    public string DatabaseName => $"projects/{ProjectId}/databases/{DatabaseId}";

    /// <summary><c>projects/{p}/databases/{d}/documents</c>, the parent of every top-level collection.</summary>
    public string DocumentsRoot => $"{DatabaseName}/documents";

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!ProjectIdPattern().IsMatch(ProjectId))
            problems.Add($"{nameof(ProjectId)} '{ProjectId}' must be 4-63 letters, digits, '-' or '_' (set Firestore:ProjectId).");
        if (string.IsNullOrWhiteSpace(DatabaseId) || DatabaseId.Contains('/', StringComparison.Ordinal))
            problems.Add($"{nameof(DatabaseId)} must be '(default)' or a database id without '/'.");
        if (string.IsNullOrWhiteSpace(Collection) || Collection.Contains('/', StringComparison.Ordinal) || Collection.StartsWith("__", StringComparison.Ordinal) || Collection.Length > 1500)
            problems.Add($"{nameof(Collection)} '{Collection}' must be a non-empty collection id without '/' that does not start with '__'.");
        if (UsesEmulator && !IsHostAndPort(EmulatorHost!))
            problems.Add($"{nameof(EmulatorHost)} '{EmulatorHost}' must be host:port, without a scheme.");
        if (DocumentCacheEntries < 0)
            problems.Add($"{nameof(DocumentCacheEntries)} must be 0 (off) or more.");
        if (CallTimeout <= TimeSpan.Zero)
            problems.Add($"{nameof(CallTimeout)} must be positive.");
        if (!UsesEmulator && Endpoint.Scheme != Uri.UriSchemeHttps)
            problems.Add($"{nameof(Endpoint)} must be https when no emulator is configured.");
        return problems;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming every problem.</summary>
    public FirestoreOptions Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid Firestore options: " + string.Join(" ", problems));
        return this;
    }

    private static bool IsHostAndPort(string value) =>
        !value.Contains("://", StringComparison.Ordinal)
        && Uri.TryCreate($"http://{value}", UriKind.Absolute, out var uri)
        && uri.AbsolutePath == "/" && !value.EndsWith('/')
        && value.EndsWith($":{uri.Port}", StringComparison.Ordinal);

    public FirestoreOptions Clone() => (FirestoreOptions)MemberwiseClone();

    [GeneratedRegex("^[A-Za-z0-9_-]{4,63}$")]
    private static partial Regex ProjectIdPattern();
}
