using AiProd.Contracts;
using AiProd.Workers.Common;

namespace AiProd.Workers.Tests.Consumers;

/// <summary>
/// A full or read-only asset disk is reported as what it is — <c>storage_full</c> (retryable once space is freed) or
/// <c>storage_unwritable</c> — with the stage and the setting to look at (<c>Assets:Root</c>), never the server path,
/// instead of a puzzling <c>probe_failed</c> or a fault. Real file systems: a tiny tmpfs, a read-only mount, an
/// unwritable folder; and .NET's real ENOSPC from /dev/full.
/// </summary>
[Category("Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class When_the_asset_disk_fails
{
    private static Shot AShot() => new(
        "c1-s00-sh01", 0, 0, "a lighthouse beam sweeping over the sea", "wide", "pan right", "cut", ["start", "middle", "end"], 2,
        new ShotSpec(1280, 720, 24, "#d08040", "#203050", 0.7, 0.5, "waves", "Lighthouse"));

    private static async Task<StepFailed> RenderOn(string root)
    {
        await using var workers = await WorkerHarness.StartAsync(root: root);
        await workers.SendAsync(new RenderShot(Guid.NewGuid(), 1, AShot(), "local", ["local"]));
        return (await workers.Published<StepFailed>()).Single();
    }

    private static void AssertNamesTheSettingNotThePath(StepFailed failed, string root) => Assert.Multiple(() =>
    {
        Assert.That(failed.Stage, Is.EqualTo(VideoStages.Render));
        Assert.That(failed.Message, Does.Contain("Assets:Root"));
        Assert.That(failed.Message, Does.Not.Contain(root).And.Not.Contain("/tmp"), "no server path");
    });

    [Test]
    public async Task Should_report_a_full_disk_as_storage_full()
    {
        using var disk = FailingDisk.Full(kib: 96) ?? throw new IgnoreException("this machine cannot mount a small tmpfs (needs root)");
        var failed = await RenderOn(Path.Combine(disk.Folder, "assets"));
        Assert.Multiple(() =>
        {
            Assert.That(failed.Code, Is.EqualTo(StorageFailures.Full));
            Assert.That(failed.Retryable, Is.True, "it works again once space is freed");
        });
        AssertNamesTheSettingNotThePath(failed, disk.Folder);
    }

    [Test]
    public async Task Should_report_a_read_only_file_system_as_storage_unwritable()
    {
        using var disk = FailingDisk.ReadOnlyMount() ?? throw new IgnoreException("this machine cannot mount a read-only tmpfs (needs root)");
        var failed = await RenderOn(disk.Folder);
        Assert.Multiple(() =>
        {
            Assert.That(failed.Code, Is.EqualTo(StorageFailures.Unwritable));
            Assert.That(failed.Retryable, Is.False);
        });
        AssertNamesTheSettingNotThePath(failed, disk.Folder);
    }

    [Test]
    public async Task Should_report_a_folder_it_may_not_write_as_storage_unwritable()
    {
        using var disk = FailingDisk.NotPermitted() ?? throw new IgnoreException("neither chmod nor chattr can stop this user writing here");
        var failed = await RenderOn(disk.Folder);
        Assert.That(failed.Code, Is.EqualTo(StorageFailures.Unwritable));
        AssertNamesTheSettingNotThePath(failed, disk.Folder);
    }

    [Test]
    public void Should_recognise_the_operating_system_s_own_disk_full_error()
    {
        var full = Assert.Catch<IOException>(() => File.WriteAllBytes("/dev/full", new byte[1 << 16]))!;
        var failure = StorageFailures.From(new InvalidOperationException("wrapped", full), VideoStages.Finalize);
        Assert.Multiple(() =>
        {
            Assert.That(failure?.Code, Is.EqualTo(StorageFailures.Full), $"HResult {full.HResult}: {full.Message}");
            Assert.That(failure?.Stage, Is.EqualTo(VideoStages.Finalize));
            Assert.That(StorageFailures.From(new IOException("sharing violation", 32), VideoStages.Render), Is.Null, "other I/O errors stay faults");
        });
    }
}
