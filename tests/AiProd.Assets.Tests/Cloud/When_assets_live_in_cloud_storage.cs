using System.Text;
using Google;

namespace AiProd.Assets.Tests.Cloud;

[Category("Integration")]
public sealed class When_assets_live_in_cloud_storage : CloudStorageTest
{
    private readonly Guid _video = Guid.NewGuid();

    [Test]
    public async Task Should_round_trip_a_file_with_its_content_type_and_metadata()
    {
        var store = Machine("render-1");
        var content = RandomBytes(300_000);
        var work = await WriteWorkFileAsync(store, _video, content);

        var uri = await store.PutFileAsync(_video, "shots/s01-a1.mp4", work,
            new AssetPutOptions { Metadata = new Dictionary<string, string> { ["shot"] = "s01" } }, CancellationToken.None);

        Assert.That(uri, Is.EqualTo($"gs://{Bucket}/videos/{_video:N}/shots/s01-a1.mp4"));
        Assert.That(File.Exists(work), Is.False, "a put moves the work file into the store");
        var stored = await Raw.GetObjectAsync(Bucket, ObjectNameOf(uri));
        Assert.That(stored.ContentType, Is.EqualTo("video/mp4"));
        Assert.That(stored.Size, Is.EqualTo((ulong)content.Length));
        Assert.That(stored.Metadata, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["shot"] = "s01",
            ["video-id"] = _video.ToString("N"),
            ["asset-name"] = "shots/s01-a1.mp4",
            ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)),
        }));
        Assert.That(await File.ReadAllBytesAsync(await store.GetLocalFileAsync(uri, CancellationToken.None)), Is.EqualTo(content));
    }

    [Test]
    public async Task Should_round_trip_bytes_with_the_content_type_given()
    {
        var store = Machine("qa-1");
        var content = Encoding.UTF8.GetBytes("""{"verdict":"pass"}""");

        var uri = await store.PutBytesAsync(_video, "steps/qa-tech-a1.json", content,
            new AssetPutOptions { ContentType = "application/vnd.aiprod.step+json" }, CancellationToken.None);

        Assert.That((await Raw.GetObjectAsync(Bucket, ObjectNameOf(uri))).ContentType, Is.EqualTo("application/vnd.aiprod.step+json"));
        await using var read = await store.OpenReadAsync(uri, CancellationToken.None);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(content));
        Assert.That(read.CanSeek, Is.True, "the gateway serves ranges from it");
    }

    [Test]
    public async Task Should_lay_out_objects_per_video_and_version()
    {
        var store = Machine("render-1");
        var other = Guid.NewGuid();
        string[] names = ["shots/s01-a1.mp4", "composed-a1.mp4", "steps/render-s01-a1.json", "v1/video.mp4", "v1/manifest.json"];
        foreach (var name in names)
            await store.PutBytesAsync(_video, name, Encoding.UTF8.GetBytes(name), CancellationToken.None);
        await store.PutBytesAsync(other, "v1/video.mp4", "other"u8.ToArray(), CancellationToken.None);
        var tenant = Machine("render-2", o => o.Prefix = "tenant-a/videos/");
        await tenant.PutBytesAsync(_video, "v1/video.mp4", "tenant"u8.ToArray(), CancellationToken.None);

        var objects = Raw.ListObjects(Bucket).Select(o => o.Name).ToList();

        Assert.That(objects, Is.EquivalentTo(names.Select(n => $"videos/{_video:N}/{n}")
            .Append($"videos/{other:N}/v1/video.mp4")
            .Append($"tenant-a/videos/{_video:N}/v1/video.mp4")));
    }

    [Test]
    public async Task Should_find_only_what_is_stored()
    {
        var store = Machine("render-1");

        Assert.That(await store.FindAsync(_video, "steps/render-s01-a1.json", CancellationToken.None), Is.Null);
        var uri = await store.PutBytesAsync(_video, "steps/render-s01-a1.json", "{}"u8.ToArray(), CancellationToken.None);
        Assert.That(await store.FindAsync(_video, "steps/render-s01-a1.json", CancellationToken.None), Is.EqualTo(uri));
        Assert.That(await Machine("render-2").FindAsync(_video, "steps/render-s01-a1.json", CancellationToken.None), Is.EqualTo(uri),
            "another machine finds it in the bucket, not on a disk");
    }

    // Create-only relies on ifGenerationMatch=0, which the emulator as shipped ignores: the test launcher answers 412
    // itself (see StorageEmulatorProcess). On real GCS the same 412 comes from the service.
    [Test]
    public async Task Should_take_a_create_only_retry_of_the_same_bytes_as_done()
    {
        var store = Machine("delivery-1");
        var uri = await store.PutBytesAsync(_video, "v1/manifest.json", "{\"v\":1}"u8.ToArray(), AssetPutOptions.CreateOnly, CancellationToken.None);
        var first = await Raw.GetObjectAsync(Bucket, ObjectNameOf(uri));

        var again = await Machine("delivery-2").PutBytesAsync(_video, "v1/manifest.json", "{\"v\":1}"u8.ToArray(), AssetPutOptions.CreateOnly, CancellationToken.None);

        Assert.That(again, Is.EqualTo(uri));
        Assert.That((await Raw.GetObjectAsync(Bucket, ObjectNameOf(uri))).Generation, Is.EqualTo(first.Generation), "nothing was written again");
    }

    [Test]
    public async Task Should_refuse_to_overwrite_a_create_only_asset_with_other_bytes()
    {
        var store = Machine("delivery-1");
        var uri = await store.PutBytesAsync(_video, "v1/video.mp4", "first"u8.ToArray(), AssetPutOptions.CreateOnly, CancellationToken.None);
        var work = await WriteWorkFileAsync(store, _video, "second"u8.ToArray());

        var conflict = Assert.ThrowsAsync<AssetConflictException>(() =>
            store.PutFileAsync(_video, "v1/video.mp4", work, AssetPutOptions.CreateOnly, CancellationToken.None));

        Assert.That(conflict!.AssetUri, Is.EqualTo(uri));
        Assert.That(conflict.Message, Does.Contain(uri));
        Assert.That(File.Exists(work), Is.True, "a failed put leaves the local file where it was");
        using var read = new MemoryStream();
        await Raw.DownloadObjectAsync(Bucket, ObjectNameOf(uri), read);
        Assert.That(read.ToArray(), Is.EqualTo("first"u8.ToArray()));
    }

    [Test]
    public async Task Should_replace_unless_told_otherwise()
    {
        var store = Machine("render-1");
        var uri = await store.PutBytesAsync(_video, "composed-a1.mp4", "one"u8.ToArray(), CancellationToken.None);
        var first = await Raw.GetObjectAsync(Bucket, ObjectNameOf(uri));
        await Task.Delay(5); // the emulator's generation is a millisecond clock

        await store.PutBytesAsync(_video, "composed-a1.mp4", "two"u8.ToArray(), CancellationToken.None);

        var second = await Raw.GetObjectAsync(Bucket, ObjectNameOf(uri));
        Assert.That(second.Generation, Is.GreaterThan(first.Generation!.Value));
        Assert.That(await File.ReadAllBytesAsync(await Machine("qa-1").GetLocalFileAsync(uri, CancellationToken.None)), Is.EqualTo("two"u8.ToArray()));
    }

    [Test]
    public void Should_say_which_asset_is_missing()
    {
        var uri = $"gs://{Bucket}/videos/{_video:N}/shots/s09-a1.mp4";

        var missing = Assert.ThrowsAsync<AssetNotFoundException>(() => Machine("qa-1").GetLocalFileAsync(uri, CancellationToken.None));

        Assert.That(missing!.Message, Does.Contain(uri));
        Assert.That(missing, Is.InstanceOf<FileNotFoundException>());
    }

    [TestCase("gs://another-bucket/videos/0f8fad5bd9cb469fa16570867728950e/v1/video.mp4", "another bucket")]
    [TestCase("gs://{bucket}/elsewhere/0f8fad5bd9cb469fa16570867728950e/v1/video.mp4", "not of the form")]
    [TestCase("gs://{bucket}/videos/0f8fad5bd9cb469fa16570867728950e/../secret.json", "not of the form")]
    [TestCase("gs://{bucket}/videos/0F8FAD5BD9CB469FA16570867728950E/v1/video.mp4", "not of the form")]
    [TestCase("local:0f8fad5bd9cb469fa16570867728950e/v1/video.mp4", "gs://")]
    public void Should_refuse_uris_it_did_not_write(string uri, string reason)
    {
        var store = Machine("qa-1");

        var refused = Assert.ThrowsAsync<ArgumentException>(() => store.GetLocalFileAsync(uri.Replace("{bucket}", Bucket), CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain(reason));
    }

    [Test]
    public async Task Should_give_the_https_link_of_an_object()
    {
        var store = Machine("gateway-1");
        var uri = await store.PutBytesAsync(_video, "v1/video.mp4", "v"u8.ToArray(), CancellationToken.None);

        Assert.That(store.HttpsUrl(uri), Is.EqualTo($"https://storage.googleapis.com/{Bucket}/videos/{_video:N}/v1/video.mp4"));
        Assert.That(store.HttpsUrl($"local:{_video:N}/v1/video.mp4"), Is.Null);
    }

    [Test]
    public async Task Should_delete_a_videos_scratch_files_only()
    {
        var store = Machine("render-1");
        var scratch = await WriteWorkFileAsync(store, _video, [1, 2, 3]);
        var otherVideo = await WriteWorkFileAsync(store, Guid.NewGuid(), [4]);

        await store.DeleteWorkFilesAsync(_video, CancellationToken.None);

        Assert.That(File.Exists(scratch), Is.False);
        Assert.That(File.Exists(otherVideo), Is.True);
    }

    [Test]
    public void Should_refuse_names_that_are_not_plain_relative_paths()
    {
        var store = Machine("render-1");

        foreach (var name in new[] { "../v1/video.mp4", "/v1/video.mp4", "v1//video.mp4", ".hidden", "v1/video.mp4 ", "v1\\video.mp4" })
            Assert.ThrowsAsync<ArgumentException>(() => store.PutBytesAsync(_video, name, "x"u8.ToArray(), CancellationToken.None), name);
    }
}
