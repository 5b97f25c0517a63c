using AiProd.Testing;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>The Pub/Sub, Firestore and Cloud Storage emulators, started once for every cross-process test and stopped after them.</summary>
[SetUpFixture]
public sealed class Emulators
{
    public const string Project = "aiprod-services";

    private static PubSubEmulatorProcess? _pubsub;
    private static FirestoreEmulatorProcess? _firestore;
    private static StorageEmulatorProcess? _storage;
    private static string? _blobs;

    public static PubSubEmulatorProcess PubSub => _pubsub ?? throw new InvalidOperationException("The Pub/Sub emulator is not running.");

    public static StorageEmulatorProcess Storage => _storage ?? throw new InvalidOperationException("The Storage emulator is not running.");

    public static FirestoreEmulatorProcess Firestore => _firestore ?? throw new InvalidOperationException("The Firestore emulator is not running.");

    [OneTimeSetUp]
    public async Task Start()
    {
        _pubsub = await PubSubEmulatorProcess.StartAsync(Assert.Ignore);
        _firestore = await FirestoreEmulatorProcess.StartAsync(Assert.Ignore);
        _blobs = Directory.CreateTempSubdirectory("aiprod-gcs-").FullName;
        _storage = await StorageEmulatorProcess.StartAsync(_blobs, enforcePreconditions: true);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_pubsub is not null)
            await _pubsub.DisposeAsync();
        if (_firestore is not null)
            await _firestore.DisposeAsync();
        if (_storage is not null)
            await _storage.DisposeAsync();
        if (_blobs is not null)
            Directory.Delete(_blobs, recursive: true);
    }
}
