using Microsoft.Extensions.Options;

namespace AiProd.Assets.Tests.Local;

public sealed class When_assets_live_in_a_local_folder
{
    private readonly Guid _video = Guid.NewGuid();
    private string _folder = string.Empty;
    private string _root = string.Empty;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "aiprod-assets-tests", Guid.NewGuid().ToString("N"));
        _root = Path.Combine(_folder, "data", "assets");
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Should_hand_out_portable_uris()
    {
        var store = Store(_root);
        var work = store.NewWorkFile(_video, "mp4");
        await File.WriteAllBytesAsync(work, [1, 2, 3]);

        var uri = await store.PutFileAsync(_video, "shots/s01-a1.mp4", work, CancellationToken.None);

        Assert.That(uri, Is.EqualTo($"local:{_video:N}/shots/s01-a1.mp4"));
        Assert.That(File.Exists(work), Is.False);
        Assert.That(await File.ReadAllBytesAsync(Path.Combine(_root, _video.ToString("N"), "shots", "s01-a1.mp4")), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(await store.FindAsync(_video, "shots/s01-a1.mp4", CancellationToken.None), Is.EqualTo(uri));
        Assert.That(await store.FindAsync(_video, "shots/s02-a1.mp4", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Should_keep_reading_after_the_data_folder_moves()
    {
        var uri = await Store(_root).PutBytesAsync(_video, "v1/manifest.json", "{}"u8.ToArray(), CancellationToken.None);
        var moved = Path.Combine(_folder, "elsewhere", "assets");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(_root, moved);

        var store = Store(moved);

        Assert.That(await File.ReadAllBytesAsync(await store.GetLocalFileAsync(uri, CancellationToken.None)), Is.EqualTo("{}"u8.ToArray()));
        await using var read = await store.OpenReadAsync(uri, CancellationToken.None);
        Assert.That(read.Length, Is.EqualTo(2));
    }

    [Test]
    public async Task Should_read_legacy_file_uris_under_the_root()
    {
        var store = Store(_root);
        await store.PutBytesAsync(_video, "v1/video.mp4", "old"u8.ToArray(), CancellationToken.None);
        var legacy = new Uri(Path.Combine(_root, _video.ToString("N"), "v1", "video.mp4")).AbsoluteUri;

        Assert.That(legacy, Does.StartWith("file:///"));
        Assert.That(await File.ReadAllBytesAsync(await store.GetLocalFileAsync(legacy, CancellationToken.None)), Is.EqualTo("old"u8.ToArray()));
    }

    [TestCase("file:///etc/passwd")]
    [TestCase("/etc/passwd")]
    [TestCase("file://{root}/../outside.txt")]
    [TestCase("local:{video}/../../../etc/passwd")]
    [TestCase("local:../etc/passwd")]
    [TestCase("local:{video}//etc/passwd")]
    [TestCase("local:not-a-video-id/v1/video.mp4")]
    [TestCase("http://example.invalid/v1/video.mp4")]
    [TestCase("gs://bucket/videos/{video}/v1/video.mp4")]
    public void Should_refuse_uris_that_leave_the_store_without_naming_a_server_path(string uri)
    {
        var store = Store(_root);
        File.WriteAllText(Path.Combine(_folder, "outside.txt"), "secret");
        var asked = uri.Replace("{root}", _root).Replace("{video}", _video.ToString("N"));

        var refused = Assert.ThrowsAsync<ArgumentException>(() => store.GetLocalFileAsync(asked, CancellationToken.None));
        Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(asked, CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("refused"));
        Assert.That(refused.Message, Does.Not.Contain(_folder).And.Not.Contain(Path.GetTempPath()).And.Not.Contain("/etc"));
    }

    [TestCase("../outside.json")]
    [TestCase("/etc/outside.json")]
    [TestCase("v1/../../outside.json")]
    [TestCase(".hidden.json")]
    [TestCase("v1//manifest.json")]
    public void Should_refuse_names_that_leave_the_video_folder(string name)
    {
        var store = Store(_root);

        Assert.ThrowsAsync<ArgumentException>(() => store.PutBytesAsync(_video, name, "x"u8.ToArray(), CancellationToken.None));

        Assert.That(Directory.EnumerateFiles(_folder, "*.json", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void Should_say_which_asset_is_missing_without_naming_a_server_path()
    {
        var uri = $"local:{_video:N}/v1/video.mp4";

        var missing = Assert.ThrowsAsync<AssetNotFoundException>(() => Store(_root).GetLocalFileAsync(uri, CancellationToken.None));

        Assert.That(missing!.Message, Does.Contain(uri).And.Not.Contain(_root));
        Assert.That(missing.ToString(), Does.Not.Contain(_root));
        Assert.ThrowsAsync<AssetNotFoundException>(() => Store(_root).OpenReadAsync(uri, CancellationToken.None));
    }

    [Test]
    public async Task Should_write_create_only_assets_once()
    {
        var store = Store(_root);
        var uri = await store.PutBytesAsync(_video, "steps/render-s01-a1.json", "{\"a\":1}"u8.ToArray(), AssetPutOptions.CreateOnly, CancellationToken.None);

        Assert.That(await store.PutBytesAsync(_video, "steps/render-s01-a1.json", "{\"a\":1}"u8.ToArray(), AssetPutOptions.CreateOnly, CancellationToken.None),
            Is.EqualTo(uri), "the same bytes again are a harmless retry");
        var work = store.NewWorkFile(_video, "json");
        await File.WriteAllTextAsync(work, "{\"a\":2}");
        var conflict = Assert.ThrowsAsync<AssetConflictException>(() =>
            store.PutFileAsync(_video, "steps/render-s01-a1.json", work, AssetPutOptions.CreateOnly, CancellationToken.None));

        Assert.That(conflict!.AssetUri, Is.EqualTo(uri));
        Assert.That(File.Exists(work), Is.True, "a failed put leaves the local file where it was");
        Assert.That(await File.ReadAllTextAsync(await store.GetLocalFileAsync(uri, CancellationToken.None)), Is.EqualTo("{\"a\":1}"));
        await store.PutFileAsync(_video, "steps/render-s01-a1.json", work, CancellationToken.None);
        Assert.That(await File.ReadAllTextAsync(await store.GetLocalFileAsync(uri, CancellationToken.None)), Is.EqualTo("{\"a\":2}"), "replace overwrites");
    }

    [Test]
    public async Task Should_leave_no_staging_files_behind()
    {
        var store = Store(_root);
        await store.PutBytesAsync(_video, "v1/manifest.json", "{}"u8.ToArray(), CancellationToken.None);
        await store.PutBytesAsync(_video, "v1/manifest.json", "{}"u8.ToArray(), AssetPutOptions.CreateOnly, CancellationToken.None);

        Assert.That(Directory.EnumerateFiles(Path.Combine(_root, _video.ToString("N"), "v1")).Select(Path.GetFileName), Is.EqualTo(new[] { "manifest.json" }));
    }

    [Test]
    public async Task Should_delete_a_videos_scratch_files_only()
    {
        var store = Store(_root);
        var scratch = store.NewWorkFile(_video, ".mp4");
        await File.WriteAllBytesAsync(scratch, [1]);
        var kept = await store.PutBytesAsync(_video, "v1/video.mp4", "v"u8.ToArray(), CancellationToken.None);
        var other = store.NewWorkFile(Guid.NewGuid(), "mp4");
        await File.WriteAllBytesAsync(other, [2]);

        await store.DeleteWorkFilesAsync(_video, CancellationToken.None);

        Assert.That(File.Exists(scratch), Is.False);
        Assert.That(File.Exists(other), Is.True);
        Assert.That(await store.FindAsync(_video, "v1/video.mp4", CancellationToken.None), Is.EqualTo(kept));
    }

    [Test]
    public async Task Should_neither_sign_nor_link()
    {
        var store = Store(_root);
        var uri = await store.PutBytesAsync(_video, "v1/video.mp4", "v"u8.ToArray(), CancellationToken.None);

        Assert.That(await store.GetSignedReadUrlAsync(uri, TimeSpan.FromMinutes(15), CancellationToken.None), Is.Null);
        Assert.That(store.HttpsUrl(uri), Is.Null);
    }

    private static LocalAssetStore Store(string root) => new(Options.Create(new AssetOptions { Root = root }));
}
