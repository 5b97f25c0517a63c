using System.Text.Json.Nodes;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Render;

namespace AiProd.Providers.Tests.Veo;

[Category("Integration")]
public class When_veo_renders_a_shot
{
    private VeoStub _veo = null!;
    private RenderKit _kit = null!;

    [SetUp]
    public async Task Start()
    {
        _veo = await VeoStub.StartAsync();
        _kit = RenderKit.Create(RenderKit.Settings(veo: _veo));
    }

    [TearDown]
    public async Task Stop()
    {
        await _kit.DisposeAsync();
        await _veo.DisposeAsync();
    }

    private Task<ShotRenderResult> Render(double seconds = 3) =>
        _kit.Renderer("veo3").RenderAsync(Guid.NewGuid(), RenderKit.AShot(seconds), _kit.NewFile(), CancellationToken.None);

    [Test]
    public async Task Should_deliver_the_clip_fitted_to_the_shot_and_bill_the_8_seconds_veo_3_makes()
    {
        _veo.PendingPolls = 2;
        var file = _kit.NewFile();
        var result = await _kit.Renderer("veo3").RenderAsync(Guid.NewGuid(), RenderKit.AShot(3), file, CancellationToken.None);

        var body = _veo.Submitted.Single();
        Assert.Multiple(async () =>
        {
            Assert.That(body["parameters"]!["durationSeconds"]!.GetValue<int>(), Is.EqualTo(8));
            Assert.That(body["parameters"]!["aspectRatio"]!.GetValue<string>(), Is.EqualTo("16:9"));
            Assert.That(body["parameters"]!["resolution"]!.GetValue<string>(), Is.EqualTo("720p"));
            Assert.That(body["instances"]![0]!["prompt"]!.GetValue<string>(), Does.Contain("lighthouse").And.Contain("pan right"));
            Assert.That(_veo.Faults.Calls("poll"), Is.EqualTo(3), "two polls not done, then done");
            Assert.That(result.DurationSeconds, Is.EqualTo(3.0).Within(0.05));
            Assert.That(await _kit.DurationAsync(file), Is.EqualTo(3.0).Within(0.05));
            Assert.That(result.CostUsd, Is.EqualTo(8 * 0.40m), "8 s billed at the configured veo3 price");
        });
    }

    [Test]
    public async Task Should_send_portrait_shots_as_9_16()
    {
        await _kit.Renderer("veo3").RenderAsync(Guid.NewGuid(), RenderKit.AShot(2, 720, 1280), _kit.NewFile(), CancellationToken.None);
        Assert.That(_veo.Submitted.Single()["parameters"]!["aspectRatio"]!.GetValue<string>(), Is.EqualTo("9:16"));
    }

    [Test]
    public void Should_treat_a_safety_filtered_operation_as_a_final_unbilled_refusal()
    {
        _veo.Ending = StubEnding.Refuse;
        var ex = Assert.ThrowsAsync<ShotRenderException>(() => Render())!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo("content_refused"));
            Assert.That(ex.Refused, Is.True);
            Assert.That(ex.BilledUsd, Is.Zero);
            Assert.That(_veo.Faults.Calls("submit"), Is.EqualTo(1), "a refusal is never retried");
        });
    }

    [Test]
    public async Task Should_wait_as_long_as_retry_after_says_when_the_quota_is_exhausted()
    {
        _veo.Faults.FailNext("submit", 429, times: 1, retryAfterSeconds: 1);
        await Render();

        var times = _veo.Faults.CallTimes("submit");
        Assert.Multiple(() =>
        {
            Assert.That(times, Has.Count.EqualTo(2));
            Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)), "Retry-After: 1 beats the 50 ms base delay");
        });
    }

    [Test]
    public async Task Should_retry_server_errors_with_backoff_and_then_succeed()
    {
        _veo.Faults.FailNext("poll", 503, times: 2);
        var result = await Render();
        Assert.Multiple(() =>
        {
            Assert.That(result.CostUsd, Is.EqualTo(3.20m));
            Assert.That(_veo.Faults.Calls("poll"), Is.GreaterThanOrEqualTo(4), "two 503s retried, then the pending and done polls");
        });
    }

    [Test]
    public void Should_give_up_as_rate_limited_when_429s_outlast_the_retries()
    {
        _veo.Faults.FailNext("submit", 429, times: 10);
        var ex = Assert.ThrowsAsync<ShotRenderException>(() => Render())!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo("rate_limited"));
            Assert.That(_veo.Faults.Calls("submit"), Is.EqualTo(4), "the first try and 3 retries");
        });
    }

    [Test]
    public void Should_report_an_operation_error()
    {
        _veo.Ending = StubEnding.Fail;
        Assert.That(Assert.ThrowsAsync<ShotRenderException>(() => Render())!.Code, Is.EqualTo("provider_error"));
    }

    [Test]
    public void Should_report_a_wrong_key_as_unauthorized_without_retrying()
    {
        var settings = RenderKit.Settings(veo: _veo);
        settings["Providers:Veo:ApiKey"] = "wrong";
        using var _ = new DisposableKit(RenderKit.Create(settings), out var kit);
        var ex = Assert.ThrowsAsync<ShotRenderException>(() => kit.Renderer("veo3").RenderAsync(Guid.NewGuid(), RenderKit.AShot(), kit.NewFile(), CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo("unauthorized"));
            Assert.That(ex.Message, Does.Contain("403").And.Not.Contain("wrong"));
            Assert.That(_veo.Faults.Calls("submit"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Should_fail_as_corrupt_when_the_file_is_truncated_yet_bill_the_generation()
    {
        _veo.Output = StubOutput.Truncated;
        var ex = Assert.ThrowsAsync<ShotRenderException>(() => Render())!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo("output_corrupt"));
            Assert.That(ex.BilledUsd, Is.EqualTo(3.20m));
        });
    }

    [Test]
    public void Should_refuse_vertex_only_fields_like_the_real_api()
    {
        // The stub's own contract: a body with "seed" is a 400 INVALID_ARGUMENT in Google's error shape.
        using var http = new HttpClient { BaseAddress = _veo.Host.ApiBase };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1beta/models/veo-3.0-generate-001:predictLongRunning")
        {
            Content = new StringContent("""{"instances":[{"prompt":"x"}],"parameters":{"seed":1}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-goog-api-key", VeoStub.Key);
        using var response = http.Send(request);
        var body = JsonNode.Parse(response.Content.ReadAsStringAsync().Result)!;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(400));
            Assert.That(body["error"]!["status"]!.GetValue<string>(), Is.EqualTo("INVALID_ARGUMENT"));
        });
    }

    private sealed class DisposableKit : IDisposable
    {
        private readonly RenderKit _kit;

        public DisposableKit(RenderKit kit, out RenderKit exposed) => exposed = _kit = kit;

        public void Dispose() => _kit.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
