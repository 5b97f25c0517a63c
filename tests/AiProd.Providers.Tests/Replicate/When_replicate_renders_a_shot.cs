using System.Text.Json.Nodes;
using AiProd.Providers.Http;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Render;
using AiProd.Workers.Render.Hosted.Replicate;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Providers.Tests.Replicate;

[Category("Integration")]
public class When_replicate_renders_a_shot
{
    private ReplicateStub _replicate = null!;
    private RenderKit _kit = null!;

    [SetUp]
    public async Task Start()
    {
        _replicate = await ReplicateStub.StartAsync();
        _kit = RenderKit.Create(RenderKit.Settings(replicate: _replicate));
    }

    [TearDown]
    public async Task Stop()
    {
        await _kit.DisposeAsync();
        await _replicate.DisposeAsync();
    }

    private Task<ShotRenderResult> Render(double seconds = 3, int width = 1280, int height = 720) =>
        _kit.Renderer("replicate-wan25").RenderAsync(Guid.NewGuid(), RenderKit.AShot(seconds, width, height), _kit.NewFile(), CancellationToken.None);

    [Test]
    public async Task Should_take_the_finished_prediction_from_a_held_create_without_polling()
    {
        _replicate.FinishesWithinWait = true;
        var result = await Render();

        var (body, prefer) = _replicate.Created.Single();
        Assert.Multiple(() =>
        {
            Assert.That(prefer, Is.EqualTo("wait=1"));
            Assert.That(body["input"]!["size"]!.GetValue<string>(), Is.EqualTo("1280*720"));
            Assert.That(body["input"]!["duration"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(_replicate.Faults.Calls("poll"), Is.Zero);
            Assert.That(result.DurationSeconds, Is.EqualTo(3.0).Within(0.05));
            Assert.That(result.CostUsd, Is.EqualTo(5 * 0.10m), "5 s of output at the 720p price");
        });
    }

    [Test]
    public async Task Should_poll_a_prediction_still_starting_until_it_succeeds()
    {
        _replicate.ProcessingPolls = 4;
        var result = await Render(2, 1920, 1080);
        Assert.Multiple(() =>
        {
            Assert.That(_replicate.Faults.Calls("poll"), Is.EqualTo(4), "the held create and 3 polls in progress, the 4th poll finished");
            Assert.That(_replicate.Created.Single().Body["input"]!["size"]!.GetValue<string>(), Is.EqualTo("1920*1080"));
            Assert.That(result.CostUsd, Is.EqualTo(5 * 0.15m), "the 1080p price");
        });
    }

    [Test]
    public void Should_report_a_422_problem_as_an_invalid_request_with_its_detail()
    {
        var client = _kit.Services.GetRequiredService<ReplicateClient>();
        var ex = Assert.ThrowsAsync<ProviderException>(() => client.CreateAsync(new JsonObject { ["prompt"] = "x", ["size"] = "999*999" }, CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo("invalid_request"));
            Assert.That(ex.StatusCode, Is.EqualTo(422));
            Assert.That(ex.Message, Does.Contain("input.size"));
            Assert.That(_replicate.Faults.Calls("create"), Is.EqualTo(1), "a validation error is not retried");
        });
    }

    [Test]
    public void Should_fail_as_expired_when_the_output_is_already_deleted()
    {
        _replicate.OutputTtl = TimeSpan.Zero;
        var ex = Assert.ThrowsAsync<ShotRenderException>(() => Render())!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo("output_expired"));
            Assert.That(ex.BilledUsd, Is.EqualTo(0.50m), "the prediction ran and is billed");
        });
    }

    [TestCase(StubOutput.Corrupt)]
    [TestCase(StubOutput.Truncated)]
    public void Should_fail_as_corrupt_when_the_output_is_not_a_whole_video(StubOutput output)
    {
        _replicate.Output = output;
        var ex = Assert.ThrowsAsync<ShotRenderException>(() => Render())!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo("output_corrupt"));
            Assert.That(ex.BilledUsd, Is.EqualTo(0.50m));
        });
    }

    [Test]
    public void Should_fail_as_too_short_when_the_clip_does_not_cover_the_shot()
    {
        _replicate.Output = StubOutput.TooShort;
        Assert.That(Assert.ThrowsAsync<ShotRenderException>(() => Render())!.Code, Is.EqualTo("output_too_short"));
    }

    [Test]
    public void Should_treat_an_nsfw_failure_as_a_refusal()
    {
        _replicate.Ending = StubEnding.Refuse;
        var ex = Assert.ThrowsAsync<ShotRenderException>(() => Render())!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Refused, Is.True);
            Assert.That(ex.BilledUsd, Is.Zero);
            Assert.That(_replicate.Faults.Calls("create"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Should_cancel_the_prediction_when_it_runs_past_the_longest_wait()
    {
        var settings = RenderKit.Settings(replicate: _replicate);
        settings["Providers:Replicate:MaxWait"] = "00:00:00.300";
        _replicate.ProcessingPolls = 10_000;
        var kit = RenderKit.Create(settings);
        try
        {
            var ex = Assert.ThrowsAsync<ShotRenderException>(() => kit.Renderer("replicate-wan25").RenderAsync(Guid.NewGuid(), RenderKit.AShot(), kit.NewFile(), CancellationToken.None))!;
            Assert.Multiple(() =>
            {
                Assert.That(ex.Code, Is.EqualTo("provider_timeout"));
                Assert.That(_replicate.Cancelled, Has.Count.EqualTo(1), "POST /v1/predictions/{id}/cancel was sent");
            });
        }
        finally
        {
            kit.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Test]
    public async Task Should_cancel_the_prediction_when_our_caller_cancels()
    {
        _replicate.ProcessingPolls = 10_000;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Assert.CatchAsync<OperationCanceledException>(() =>
            _kit.Renderer("replicate-wan25").RenderAsync(Guid.NewGuid(), RenderKit.AShot(), _kit.NewFile(), cts.Token));
        await Task.Delay(100);
        Assert.That(_replicate.Cancelled, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_retry_a_server_error_on_polling_and_succeed()
    {
        _replicate.Faults.FailNext("poll", 500, times: 2);
        var result = await Render();
        Assert.That(result.DurationSeconds, Is.EqualTo(3.0).Within(0.05));
    }

    [Test]
    public void Should_report_a_bad_token_as_unauthorized()
    {
        var settings = RenderKit.Settings(replicate: _replicate);
        settings["Providers:Replicate:ApiKey"] = "r8_not-the-token";
        var kit = RenderKit.Create(settings);
        try
        {
            var ex = Assert.ThrowsAsync<ShotRenderException>(() => kit.Renderer("replicate-wan25").RenderAsync(Guid.NewGuid(), RenderKit.AShot(), kit.NewFile(), CancellationToken.None))!;
            Assert.That(ex.Code, Is.EqualTo("unauthorized"));
        }
        finally
        {
            kit.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
