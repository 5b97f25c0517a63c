using System.Text.Json.Nodes;
using AiProd.Workers.Render.Hosted.Veo;

namespace AiProd.Providers.Tests.Veo;

public class When_a_veo_sample_is_read
{
    private static readonly Uri Api = new("https://generativelanguage.googleapis.com");

    private static JsonObject Operation(string uri) => new()
    {
        ["done"] = true,
        ["response"] = new JsonObject
        {
            ["generateVideoResponse"] = new JsonObject
            {
                ["generatedSamples"] = new JsonArray(new JsonObject { ["video"] = new JsonObject { ["uri"] = uri } }),
            },
        },
    };

    [TestCase("https://generativelanguage.googleapis.com/v1beta/files/a:download?alt=media", true)]
    [TestCase("https://video-downloads.googleusercontent.com/a", false)]
    public void Should_send_the_key_with_the_download_only_to_the_apis_own_host(string uri, bool keyed)
    {
        var generation = VeoShotRenderer.Result(Operation(uri), 8, new Dictionary<string, string> { ["x-goog-api-key"] = "k" }, Api);
        Assert.That(generation.DownloadHeaders is not null, Is.EqualTo(keyed));
    }

    [Test]
    public void Should_take_an_inline_encoded_video_when_there_is_no_uri()
    {
        var operation = Operation("");
        operation["response"]!["generateVideoResponse"]!["generatedSamples"]![0]!["video"] = new JsonObject { ["encodedVideo"] = Convert.ToBase64String([1, 2, 3]), ["encoding"] = "video/mp4" };
        var generation = VeoShotRenderer.Result(operation, 8, new Dictionary<string, string>(), Api);
        Assert.Multiple(() =>
        {
            Assert.That(generation.InlineBytes, Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(generation.BilledSeconds, Is.EqualTo(8));
        });
    }

    [TestCase("veo-3.0-generate-001", "720p", new[] { 8 })]
    [TestCase("veo-3.1-generate-preview", "720p", new[] { 4, 6, 8 })]
    [TestCase("veo-3.1-generate-preview", "1080p", new[] { 8 })]
    public void Should_know_the_durations_each_model_accepts(string model, string resolution, int[] durations) =>
        Assert.That(VeoShotRenderer.Durations(model, resolution), Is.EqualTo(durations));
}
