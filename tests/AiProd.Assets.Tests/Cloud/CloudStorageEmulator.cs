using AiProd.Testing;

namespace AiProd.Assets.Tests.Cloud;

/// <summary>
/// One real Storage emulator for every test in this namespace, with the launcher's ifGenerationMatch enforcement on
/// (our addition: the emulator as shipped ignores preconditions). Each test uses a bucket of its own.
/// </summary>
[SetUpFixture]
public sealed class CloudStorageEmulator
{
    private static StorageEmulatorProcess? _emulator;
    private static string? _folder;

    public static StorageEmulatorProcess Emulator => _emulator ?? throw new InvalidOperationException("The Storage emulator is not running.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "aiprod-assets-tests", $"emulator-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        _emulator = await StorageEmulatorProcess.StartAsync(_folder, enforcePreconditions: true);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_emulator is not null)
            await _emulator.DisposeAsync();
        if (_folder is not null && Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
