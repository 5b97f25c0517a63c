namespace AiProd.Assets.Tests.Cloud;

/// <summary>Workers share no disk: each reads through a cache of its own, and every copy is checked against the object.</summary>
[Category("Integration")]
public sealed class When_cloud_assets_are_read_on_other_machines : CloudStorageTest
{
    private readonly Guid _video = Guid.NewGuid();

    [Test]
    public async Task Should_read_through_each_machines_own_cache()
    {
        var render = Machine("render-1");
        var compose = Machine("render-2");
        var content = RandomBytes(200_000);
        var uri = await render.PutFileAsync(_video, "shots/s01-a1.mp4", await WriteWorkFileAsync(render, _video, content), CancellationToken.None);

        var onRender = await render.GetLocalFileAsync(uri, CancellationToken.None);
        var onCompose = await compose.GetLocalFileAsync(uri, CancellationToken.None);

        Assert.That(onRender, Does.StartWith(CacheOf("render-1")), "the uploader keeps its bytes as its cached copy");
        Assert.That(onCompose, Does.StartWith(CacheOf("render-2")));
        Assert.That(onCompose, Does.EndWith(".mp4"), "ffmpeg sees the extension");
        Assert.That(await File.ReadAllBytesAsync(onCompose), Is.EqualTo(content));
        Assert.That(await compose.GetLocalFileAsync(uri, CancellationToken.None), Is.EqualTo(onCompose), "a second read is a cache hit");
    }

    [Test]
    public async Task Should_read_the_new_generation_after_another_machine_replaced_it()
    {
        var render = Machine("render-1");
        var qa = Machine("qa-1");
        var uri = await render.PutBytesAsync(_video, "composed-a1.mp4", "first"u8.ToArray(), CancellationToken.None);
        var before = await qa.GetLocalFileAsync(uri, CancellationToken.None);
        await Task.Delay(5); // the emulator's generation is a millisecond clock

        await render.PutBytesAsync(_video, "composed-a1.mp4", "second"u8.ToArray(), CancellationToken.None);
        var after = await qa.GetLocalFileAsync(uri, CancellationToken.None);

        Assert.That(after, Is.Not.EqualTo(before), "each generation has its own cache entry");
        Assert.That(await File.ReadAllBytesAsync(after), Is.EqualTo("second"u8.ToArray()));
        Assert.That(File.Exists(before), Is.False, "the older generation's copy is dropped");
    }

    [Test]
    public async Task Should_fetch_again_when_the_cached_copy_is_corrupt()
    {
        var render = Machine("render-1");
        var content = RandomBytes(100_000);
        var uri = await render.PutFileAsync(_video, "shots/s02-a1.mp4", await WriteWorkFileAsync(render, _video, content), CancellationToken.None);
        var cached = await render.GetLocalFileAsync(uri, CancellationToken.None);
        await FlipAByteAsync(cached);

        var read = await render.GetLocalFileAsync(uri, CancellationToken.None);

        Assert.That(await File.ReadAllBytesAsync(read), Is.EqualTo(content));
    }

    // The emulator serves the bytes from its blob folder and the MD5 it computed at upload from its memory: changing a
    // blob on disk is how a test damages an object behind the service's back.
    [Test]
    public async Task Should_refuse_bytes_that_do_not_match_the_stored_checksums()
    {
        var render = Machine("render-1");
        var content = RandomBytes(50_000);
        var uri = await render.PutBytesAsync(_video, "shots/s03-a1.mp4", content, CancellationToken.None);
        await FlipAByteAsync(BlobHolding(content));
        var qa = Machine("qa-1");

        var damaged = Assert.ThrowsAsync<AssetIntegrityException>(() => qa.GetLocalFileAsync(uri, CancellationToken.None));

        Assert.That(damaged!.AssetUri, Is.EqualTo(uri));
        Assert.That(damaged.Message, Does.Contain(uri).And.Contain("integrity"));
        Assert.That(Directory.EnumerateFiles(CacheOf("qa-1"), "*.mp4", SearchOption.AllDirectories), Is.Empty, "nothing unverified is cached");
    }

    // The emulator keeps only the first chunk of a resumable upload yet reports success: the store's own comparison of
    // the MD5 and size the server reports with what it sent is what catches such an upload (the store normally sends
    // one chunk on the emulator; this test turns that off).
    [Test]
    public async Task Should_detect_an_upload_the_service_did_not_keep_whole()
    {
        var render = Machine("render-1", o => o.UploadChunkSizeMiB = 1, oneChunkOnEmulator: false);
        var work = await WriteWorkFileAsync(render, _video, RandomBytes(3 * 1024 * 1024));

        var truncated = Assert.ThrowsAsync<AssetIntegrityException>(() => render.PutFileAsync(_video, "shots/s04-a1.mp4", work, CancellationToken.None));

        Assert.That(truncated!.Message, Does.Contain("did not keep what was sent"));
        Assert.That(await render.FindAsync(_video, "shots/s04-a1.mp4", CancellationToken.None), Is.Null, "the damaged generation is deleted");
        Assert.That(File.Exists(work), Is.True, "a failed put leaves the local file where it was");
    }

    [Test]
    public async Task Should_keep_the_read_cache_within_its_bound()
    {
        var render = Machine("render-1");
        var qa = Machine("qa-1", o => o.CacheSizeLimitMiB = 1);
        var uris = new List<string>();
        for (var shot = 1; shot <= 3; shot++)
            uris.Add(await render.PutBytesAsync(_video, $"shots/s0{shot}-a1.mp4", RandomBytes(600 * 1024), CancellationToken.None));

        foreach (var uri in uris)
            await qa.GetLocalFileAsync(uri, CancellationToken.None);

        var cached = Directory.EnumerateFiles(CacheOf("qa-1"), "*.mp4", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
        Assert.That(cached.Sum(f => f.Length), Is.LessThanOrEqualTo(1024 * 1024));
        Assert.That(cached, Has.Count.EqualTo(1), "only the most recent read is left");
        Assert.That(await File.ReadAllBytesAsync(await qa.GetLocalFileAsync(uris[0], CancellationToken.None)), Has.Length.EqualTo(600 * 1024),
            "an evicted object is fetched again");
    }

    private static string BlobHolding(byte[] content) =>
        Directory.EnumerateFiles(CloudStorageEmulator.Emulator.BlobFolder, "*", SearchOption.AllDirectories)
            .Single(f => new FileInfo(f).Length == content.Length && File.ReadAllBytes(f).AsSpan().SequenceEqual(content));

    private static async Task FlipAByteAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
    }
}
