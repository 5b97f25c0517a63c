using AiProd.Testing;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>The Pub/Sub and Firestore emulators, started once for every cross-process test and stopped after them.</summary>
[SetUpFixture]
public sealed class Emulators
{
    public const string Project = "aiprod-services";

    private static PubSubEmulatorProcess? _pubsub;
    private static FirestoreEmulatorProcess? _firestore;

    public static PubSubEmulatorProcess PubSub => _pubsub ?? throw new InvalidOperationException("The Pub/Sub emulator is not running.");

    public static FirestoreEmulatorProcess Firestore => _firestore ?? throw new InvalidOperationException("The Firestore emulator is not running.");

    [OneTimeSetUp]
    public async Task Start()
    {
        _pubsub = await PubSubEmulatorProcess.StartAsync(Assert.Ignore);
        _firestore = await FirestoreEmulatorProcess.StartAsync(Assert.Ignore);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_pubsub is not null)
            await _pubsub.DisposeAsync();
        if (_firestore is not null)
            await _firestore.DisposeAsync();
    }
}
