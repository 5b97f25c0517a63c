using AiProd.Testing;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>One Pub/Sub emulator for every integration test here (see <see cref="PubSubEmulatorProcess"/>).</summary>
[SetUpFixture]
public sealed class PubSubEmulator
{
    public const string ProjectId = "aiprod-test";

    private static PubSubEmulatorProcess? _emulator;

    public static string Host => _emulator?.Host ?? string.Empty;

    /// <summary>Whether this run started the emulator (and so may kill and restart it).</summary>
    public static bool Controllable => _emulator?.Owned ?? false;

    [OneTimeSetUp]
    public async Task Start() => _emulator = await PubSubEmulatorProcess.StartAsync(Assert.Ignore);

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_emulator is not null)
            await _emulator.DisposeAsync();
    }

    public static Task Kill() => _emulator!.KillAsync();

    public static Task Restart() => _emulator!.RestartAsync();
}
