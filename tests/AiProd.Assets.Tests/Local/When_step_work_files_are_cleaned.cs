using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace AiProd.Assets.Tests.Local;

/// <summary>
/// Scratch files of a step never outlive it: a step's work area goes when it ends; files a killed run left are deleted
/// when the same step runs again, or by a worker's start-up sweep once they are older than the longest step. A run
/// still going, in this process or another (its lock held), is never touched. Real files, real locks: the dead and live
/// "other workers" are separate processes (flock(1)) holding or having held the run's lock, as a killed worker leaves it.
/// </summary>
public sealed class When_step_work_files_are_cleaned
{
    private readonly Guid _video = Guid.NewGuid();
    private readonly List<Process> _processes = [];
    private string _root = string.Empty;

    [SetUp]
    public void MakeFolder() => _root = Path.Combine(Path.GetTempPath(), "aiprod-assets-tests", Guid.NewGuid().ToString("N"), "assets");

    [TearDown]
    public void RemoveFolder()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
            process.Kill(entireProcessTree: true);
        _processes.ForEach(p => p.Dispose());
        _processes.Clear();
        Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);
    }

    private LocalAssetStore Store() => new(Options.Create(new AssetOptions { Root = _root }));

    private string StepFolder(string step) => Path.Combine(_root, _video.ToString("N"), ".work", step);

    /// <summary>
    /// A run of <paramref name="step"/> by another worker process: its folder with a half-written clip, its lock held by
    /// that process (flock) until it is killed; returns the run folder.
    /// </summary>
    private async Task<(string Run, Process Worker)> ForeignRunAsync(string step)
    {
        var run = Path.Combine(StepFolder(step), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(run);
        await File.WriteAllBytesAsync(Path.Combine(run, "half-written.mp4"), new byte[4096]);
        var ready = run + ".ready";
        var worker = Process.Start(new ProcessStartInfo("flock", ["-x", run + ".lock", "sh", "-c", $"touch '{ready}'; exec sleep 600"]))!;
        _processes.Add(worker);
        for (var i = 0; i < 200 && !File.Exists(ready); i++)
            await Task.Delay(25);
        File.Delete(ready);
        return (run, worker);
    }

    private static void Kill(Process worker)
    {
        worker.Kill(entireProcessTree: true);
        worker.WaitForExit();
    }

    [Test]
    public async Task Should_delete_the_step_s_files_when_it_ends()
    {
        var store = Store();
        string file;
        await using (var area = await store.OpenWorkAreaAsync(_video, "render-s01-a1", CancellationToken.None))
        {
            file = area.NewFile("mp4");
            await File.WriteAllBytesAsync(file, [1, 2, 3]);
            Directory.CreateDirectory(area.NewFolder("keyframes"));
        }

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(file), Is.False);
            Assert.That(Directory.Exists(StepFolder("render-s01-a1")) ? Directory.GetFileSystemEntries(StepFolder("render-s01-a1")) : [], Is.Empty);
        });
    }

    [Test]
    public async Task Should_delete_a_killed_run_s_files_when_the_same_step_runs_again()
    {
        var (dead, worker) = await ForeignRunAsync("render-s01-a1");
        var (other, otherWorker) = await ForeignRunAsync("render-s02-a1");
        Kill(worker);
        Kill(otherWorker);

        await using var area = await Store().OpenWorkAreaAsync(_video, "render-s01-a1", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(dead), Is.False, "the killed run of the same step");
            Assert.That(File.Exists(dead + ".lock"), Is.False);
            Assert.That(Directory.Exists(other), Is.True, "another step's leftovers wait for that step or the sweep");
            Assert.That(Directory.Exists(area.Folder), Is.True);
        });
    }

    [Test]
    public async Task Should_leave_a_run_that_is_still_going_alone()
    {
        var (live, _) = await ForeignRunAsync("render-s01-a1");
        var store = Store();
        await using var mine = await store.OpenWorkAreaAsync(_video, "render-s01-a1", CancellationToken.None);
        await File.WriteAllBytesAsync(mine.NewFile("mp4"), [1]);

        await using (await store.OpenWorkAreaAsync(_video, "render-s01-a1", CancellationToken.None))
        {
        }

        await store.DeleteWorkFilesAsync(_video, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(live), Has.Length.EqualTo(1), "another process's live run");
            Assert.That(Directory.GetFiles(mine.Folder), Has.Length.EqualTo(1), "this process's live run");
        });
    }

    [Test]
    public async Task Should_sweep_dead_runs_and_loose_files_older_than_the_longest_step_at_start_up()
    {
        var store = Store();
        var (oldDead, a) = await ForeignRunAsync("render-s01-a1");
        var (youngDead, b) = await ForeignRunAsync("compose-a1");
        var (oldLive, _) = await ForeignRunAsync("render-s02-a1");
        Kill(a);
        Kill(b);
        var loose = store.NewWorkFile(_video, "mp4");
        await File.WriteAllBytesAsync(loose, [1]);
        var threeHoursAgo = DateTime.UtcNow.AddHours(-3);
        Directory.SetLastWriteTimeUtc(oldDead, threeHoursAgo);
        Directory.SetLastWriteTimeUtc(oldLive, threeHoursAgo);
        File.SetLastWriteTimeUtc(loose, threeHoursAgo);

        var removed = await store.DeleteStaleWorkAsync(TimeSpan.FromHours(2), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(oldDead), Is.False, "dead and older than the longest step");
            Assert.That(File.Exists(loose), Is.False, "a loose scratch file as old");
            Assert.That(Directory.Exists(youngDead), Is.True, "too recent: the same step may still be redelivered here");
            Assert.That(Directory.Exists(oldLive), Is.True, "still held by its process");
            Assert.That(removed, Is.EqualTo(2));
        });
    }
}
