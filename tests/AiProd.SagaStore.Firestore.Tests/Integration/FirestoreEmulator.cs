using AiProd.Testing;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>One Firestore emulator for every integration test of this project (see <see cref="FirestoreEmulatorProcess"/>).</summary>
[SetUpFixture]
public sealed class FirestoreEmulator
{
    public const string ProjectId = "aiprod-test";

    private static FirestoreEmulatorProcess? _emulator;

    public static string Host { get; private set; } = string.Empty;

    public static FirestoreOptions Options(string collection) =>
        new() { ProjectId = ProjectId, EmulatorHost = Host, Collection = collection };

    [OneTimeSetUp]
    public async Task Start()
    {
        _emulator = await FirestoreEmulatorProcess.StartAsync(why => Assert.Ignore(why));
        Host = _emulator!.Host;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_emulator is not null)
            await _emulator.DisposeAsync();
        _emulator = null;
    }
}
