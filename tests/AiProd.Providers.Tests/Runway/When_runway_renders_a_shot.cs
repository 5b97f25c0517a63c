using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Render;

namespace AiProd.Providers.Tests.Runway;

[Category("Integration")]
public class When_runway_renders_a_shot
{
    private RunwayStub _runway = null!;
    private RenderKit _kit = null!;

    [SetUp]
    public async Task Start()
    {
        _runway = await RunwayStub.StartAsync();
        _kit = RenderKit.Create(RenderKit.Settings(runway: _runway));
    }

    [TearDown]
    public async Task Stop()
    {
        await _kit.DisposeAsync();
        await _runway.DisposeAsync();
    }

    private Task<ShotRenderResult> Render(double seconds = 3, int width = 1280, int height = 720) =>
        _kit.Renderer("runway").RenderAsync(Guid.NewGuid(), RenderKit.AShot(seconds, width, height), _kit.NewFile(), CancellationToken.None);

    [Test]
    public async Task Should_send_a_drawn_keyframe_and_follow_the_task_through_throttled_and_running()
    {
        _runway.ThrottledPolls = 2;
        _runway.RunningPolls = 2;
        var result = await Render(3);

        var body = _runway.Created.Single();
        var image = body["promptImage"]!.GetValue<string>();
        var jpeg = Convert.FromBase64String(image[(image.IndexOf(',', StringComparison.Ordinal) + 1)..]);
        Assert.Multiple(() =>
        {
            Assert.That(body["model"]!.GetValue<string>(), Is.EqualTo("gen4_turbo"));
            Assert.That(body["ratio"]!.GetValue<string>(), Is.EqualTo("1280:720"));
            Assert.That(body["duration"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(image, Does.StartWith("data:image/jpeg;base64,"));
            Assert.That(jpeg[..2], Is.EqualTo(new byte[] { 0xFF, 0xD8 }), "a real JPEG made with ffmpeg");
            Assert.That(_runway.Faults.Calls("poll"), Is.EqualTo(6), "PENDING, 2× THROTTLED, 2× RUNNING, SUCCEEDED");
            Assert.That(result.DurationSeconds, Is.EqualTo(3.0).Within(0.05));
            Assert.That(result.CostUsd, Is.EqualTo(5 * 0.05m));
        });
    }

    [TestCase(1080, 1920, "720:1280")]
    [TestCase(1080, 1080, "960:960")]
    public async Task Should_pick_the_models_nearest_ratio(int width, int height, string ratio)
    {
        await Render(2, width, height);
        Assert.That(_runway.Created.Single()["ratio"]!.GetValue<string>(), Is.EqualTo(ratio));
    }

    [Test]
    public async Task Should_ask_for_10_seconds_when_the_shot_needs_more_than_5()
    {
        var result = await Render(6);
        Assert.Multiple(() =>
        {
            Assert.That(_runway.Created.Single()["duration"]!.GetValue<int>(), Is.EqualTo(10));
            Assert.That(result.CostUsd, Is.EqualTo(0.50m));
        });
    }

    [Test]
    public void Should_treat_a_safety_failure_code_as_a_refusal_that_is_not_retried()
    {
        _runway.Ending = StubEnding.Refuse;
        var ex = Assert.ThrowsAsync<ShotRenderException>(() => Render())!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo("content_refused"));
            Assert.That(ex.Message, Does.Contain("SAFETY.INPUT.TEXT"));
            Assert.That(_runway.Faults.Calls("create"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Should_report_an_internal_failure_as_a_provider_error()
    {
        _runway.Ending = StubEnding.Fail;
        Assert.That(Assert.ThrowsAsync<ShotRenderException>(() => Render())!.Code, Is.EqualTo("provider_error"));
    }

    [Test]
    public async Task Should_fetch_the_task_again_when_its_output_url_has_expired()
    {
        _runway.Output = StubOutput.Expired;
        _runway.ExpireFirstUrlOnly = true;
        var result = await Render();
        Assert.That(result.DurationSeconds, Is.EqualTo(3.0).Within(0.05));
    }

    [Test]
    public void Should_fail_as_expired_when_every_url_has_expired_yet_bill_the_task()
    {
        _runway.Output = StubOutput.Expired;
        var ex = Assert.ThrowsAsync<ShotRenderException>(() => Render())!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo("output_expired"));
            Assert.That(ex.BilledUsd, Is.EqualTo(0.25m));
        });
    }

    [Test]
    public void Should_cancel_the_task_when_it_runs_past_the_longest_wait()
    {
        var settings = RenderKit.Settings(runway: _runway);
        settings["Providers:Runway:MaxWait"] = "00:00:00.300";
        _runway.RunningPolls = 10_000;
        var kit = RenderKit.Create(settings);
        try
        {
            var ex = Assert.ThrowsAsync<ShotRenderException>(() => kit.Renderer("runway").RenderAsync(Guid.NewGuid(), RenderKit.AShot(), kit.NewFile(), CancellationToken.None))!;
            Assert.Multiple(() =>
            {
                Assert.That(ex.Code, Is.EqualTo("provider_timeout"));
                Assert.That(_runway.Deleted, Has.Count.EqualTo(1), "DELETE /v1/tasks/{id} was sent");
            });
        }
        finally
        {
            kit.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Test]
    public void Should_report_missing_credits_without_retrying()
    {
        _runway.OutOfCredits = true;
        var ex = Assert.ThrowsAsync<ShotRenderException>(() => Render())!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo("insufficient_credits"));
            Assert.That(_runway.Faults.Calls("create"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_retry_the_daily_limit_429_after_its_retry_after()
    {
        _runway.Faults.FailNext("create", 429, times: 1, retryAfterSeconds: 1);
        await Render();
        var times = _runway.Faults.CallTimes("create");
        Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
    }

    [Test]
    public void Should_not_create_a_second_paid_task_after_a_server_error_on_create()
    {
        // The task may have started before the 500: creating again could pay twice, so this backend gives up here
        // (and the chain moves on) instead of retrying.
        _runway.Faults.FailNext("create", 500, times: 1);

        Assert.ThrowsAsync(Is.InstanceOf<Exception>(), () => Render());
        Assert.That(_runway.Faults.Calls("create"), Is.EqualTo(1));
    }
}
