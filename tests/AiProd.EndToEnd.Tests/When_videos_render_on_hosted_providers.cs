using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Providers.Tests.Stubs;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The gateway as its own process with all three hosted backends enabled, each pointed at its loopback stub (keys
/// passed as environment variables, as in production), producing a real MP4 while Veo refuses and Runway delivers.
/// </summary>
[Category("EndToEnd")]
public class When_videos_render_on_hosted_providers
{
    [Test]
    public async Task Should_fall_back_from_a_refusing_veo_to_runway_and_show_every_attempt()
    {
        await using var veo = await VeoStub.StartAsync();
        await using var runway = await RunwayStub.StartAsync();
        await using var replicate = await ReplicateStub.StartAsync();
        veo.Ending = StubEnding.Refuse;
        var data = Directory.CreateTempSubdirectory("aiprod-e2e-providers-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["Providers__Veo__ApiKey"] = VeoStub.Key,
            ["RUNWAYML_API_SECRET"] = RunwayStub.Key,
            ["REPLICATE_API_TOKEN"] = ReplicateStub.Key,
        };
        List<string> settings =
        [
            "--Financial:EnabledBackends", "veo3,runway,replicate-wan25,local",
            "--Providers:Download:LoopbackHosts", "localhost",
            "--Providers:Download:TrustedCertificateSha256", StubHost.CertificateSha256,
            "--Logging:LogLevel:Default", "Warning",
        ];
        foreach (var (section, host) in new[] { ("Veo", veo.Host), ("Runway", runway.Host), ("Replicate", replicate.Host) })
        {
            settings.AddRange([
                $"--Providers:{section}:BaseUrl", host.ApiBase.ToString(),
                $"--Providers:{section}:AllowedDownloadHosts", "localhost",
                $"--Providers:{section}:PollInterval", "00:00:00.050",
                $"--Providers:{section}:RetryBaseDelay", "00:00:00.050",
            ]);
        }

        try
        {
            await using var gateway = await GatewayProcess.StartAsync(data, environment, [.. settings]);
            using var http = gateway.Client();
            var post = await http.PostAsJsonAsync("/v1/videos", new { prompt = "A paper boat drifting down a rainy street", durationSeconds = 4, budgetUsd = 40.0 });
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await post.Content.ReadAsStringAsync());
            var location = post.Headers.Location!.ToString();

            var status = await FinishedAsync(http, location);
            Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("Complete"), status.ToString());
            var renders = status.GetProperty("renders").EnumerateArray().ToList();
            var byBackend = status.GetProperty("cost").GetProperty("byBackend").EnumerateArray()
                .ToDictionary(b => b.GetProperty("backend").GetString()!, b => b);
            var actual = status.GetProperty("cost").GetProperty("actualUsd").GetDecimal();
            Assert.Multiple(() =>
            {
                Assert.That(renders, Is.Not.Empty);
                Assert.That(renders.Select(r => r.GetProperty("backend").GetString()), Has.All.EqualTo("runway"));
                Assert.That(renders.Select(r => r.GetProperty("attempts")[0].GetProperty("outcome").GetString()), Has.All.EqualTo("refused"));
                Assert.That(byBackend["veo3"].GetProperty("refused").GetInt32(), Is.EqualTo(renders.Count));
                Assert.That(byBackend["veo3"].GetProperty("costUsd").GetDecimal(), Is.Zero);
                Assert.That(byBackend["runway"].GetProperty("succeeded").GetInt32(), Is.EqualTo(renders.Count));
                Assert.That(actual, Is.EqualTo(renders.Count * 0.25m), "5 s of gen4_turbo per shot at $0.05");
                Assert.That(status.GetProperty("cost").GetProperty("estimatedUsd").GetDecimal(), Is.GreaterThan(0m));
                Assert.That(status.ToString(), Does.Not.Contain(VeoStub.Key).And.Not.Contain(RunwayStub.Key));
                Assert.That(veo.Faults.Calls("submit"), Is.EqualTo(renders.Count));
            });

            var manifest = await http.GetStringAsync($"{location}/manifest");
            Assert.Multiple(() =>
            {
                Assert.That(manifest, Does.Contain("\"refused\"").And.Contain("content_refused"));
                Assert.That(manifest, Does.Not.Contain(VeoStub.Key).And.Not.Contain(RunwayStub.Key).And.Not.Contain(ReplicateStub.Key));
            });

            var file = Path.Combine(data, "video.mp4");
            await File.WriteAllBytesAsync(file, await http.GetByteArrayAsync($"{location}/content"));
            var probe = await Probe.ReadAsync(file);
            Assert.Multiple(() =>
            {
                Assert.That(probe.Duration, Is.EqualTo(4.0).Within(0.2));
                Assert.That(probe.VideoCodec, Is.EqualTo("h264"));
            });
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<JsonElement> FinishedAsync(HttpClient http, string location)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        JsonElement status;
        do
        {
            await Task.Delay(200);
            status = await http.GetFromJsonAsync<JsonElement>(location);
        }
        while (status.GetProperty("state").GetString() is not ("Complete" or "Failed") && DateTime.UtcNow < deadline);
        return status;
    }
}
