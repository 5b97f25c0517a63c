using AiProd.Contracts;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Common;
using AiProd.Workers.Render;
using AiProd.Workers.Render.Narration;
using AiProd.Workers.Render.Narration.Google;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Providers.Tests.TextToSpeech;

/// <summary>The real render registration with a Cloud Text-to-Speech key, against the stub that enforces the API's contract.</summary>
[Category("Integration")]
public class When_narration_is_voiced_by_cloud_text_to_speech
{
    private TextToSpeechStub _stub = null!;
    private ServiceProvider _services = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task Start_the_stub()
    {
        _stub = await TextToSpeechStub.StartAsync();
        _folder = Directory.CreateTempSubdirectory("aiprod-tts-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:TextToSpeech:ApiKey"] = TextToSpeechStub.Key,
            ["Providers:TextToSpeech:BaseUrl"] = _stub.Host.ApiBase.ToString(),
            ["Providers:TextToSpeech:RetryBaseDelay"] = "00:00:00.020",
            ["Providers:TextToSpeech:BreakerMinimumThroughput"] = "100",
            ["Assets:Root"] = _folder,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddRenderServices(configuration).BuildServiceProvider();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _services.DisposeAsync();
        await _stub.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private ITextToSpeech Voice => _services.GetRequiredService<ITextToSpeech>();

    [Test]
    public async Task Should_pick_the_hosted_voice_and_send_language_voice_and_rate()
    {
        Assert.That(Voice.Name, Is.EqualTo("google-tts"));
        var wav = Path.Combine(_folder, "line.wav");
        await Voice.SynthesizeAsync("A lighthouse stands at dusk.", new VideoRequest("x") { Language = "en-US", Voice = "en-US-Neural2-C", SpeechRate = 1.25 }, wav, CancellationToken.None);

        var sent = _stub.Requests.Last();
        Assert.Multiple(() =>
        {
            Assert.That(sent["voice"]!["languageCode"]!.GetValue<string>(), Is.EqualTo("en-US"));
            Assert.That(sent["voice"]!["name"]!.GetValue<string>(), Is.EqualTo("en-US-Neural2-C"));
            Assert.That(sent["audioConfig"]!["speakingRate"]!.GetValue<double>(), Is.EqualTo(1.25));
            Assert.That(sent["audioConfig"]!["audioEncoding"]!.GetValue<string>(), Is.EqualTo("LINEAR16"));
            Assert.That(File.ReadAllBytes(wav)[..4], Is.EqualTo("RIFF"u8.ToArray()));
        });
    }

    [Test]
    public void Should_fail_a_voice_the_service_does_not_have_without_retrying()
    {
        var before = _stub.Faults.Calls("synthesize");
        var error = Assert.ThrowsAsync<StepException>(() => Voice.SynthesizeAsync(
            "Hello.", new VideoRequest("x") { Language = "en-US", Voice = "en-US-Nope-Z" }, Path.Combine(_folder, "nope.wav"), CancellationToken.None));
        Assert.That((error!.Code, error.Retryable), Is.EqualTo(("tts_rejected", false)));
        Assert.That(error.Message, Does.Contain("INVALID_ARGUMENT").And.Contain("en-US-Nope-Z"));
        Assert.That(_stub.Faults.Calls("synthesize") - before, Is.EqualTo(1), "a 400 is not retried");
    }

    [Test]
    public async Task Should_retry_through_rate_limits_and_outages()
    {
        _stub.Faults.FailNext("synthesize", 429, retryAfterSeconds: 0);
        _stub.Faults.FailNext("synthesize", 503);
        var before = _stub.Faults.Calls("synthesize");
        await Voice.SynthesizeAsync("Waves break below.", new VideoRequest("x") { Language = "en-GB" }, Path.Combine(_folder, "retry.wav"), CancellationToken.None);
        Assert.That(_stub.Faults.Calls("synthesize") - before, Is.EqualTo(3));
    }

    [Test]
    public void Should_say_retryable_when_the_service_stays_down()
    {
        _stub.Faults.FailNext("synthesize", 503, times: 10);
        var error = Assert.ThrowsAsync<StepException>(() => Voice.SynthesizeAsync(
            "Hello.", new VideoRequest("x"), Path.Combine(_folder, "down.wav"), CancellationToken.None));
        Assert.That((error!.Code, error.Retryable), Is.EqualTo(("tts_unavailable", true)));
        _ = _stub.Faults.Calls("synthesize");
    }

    [Test]
    public async Task Should_compose_a_narrated_video_with_the_hosted_voice()
    {
        var composer = _services.GetRequiredService<IVideoComposer>();
        var media = _services.GetRequiredService<AiProd.Media.MediaTool>();
        var clip = Path.Combine(_folder, "clip.mp4");
        var made = await media.FfmpegAsync(["-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=24:d=3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", clip], "Test", CancellationToken.None);
        Assert.That(made.ExitCode, Is.Zero, made.StdErr);
        var shot = new Shot("a", 0, 0, "a", "wide", "static", "cut", ["s", "m", "e"], 3, new ShotSpec(320, 180, 24, "#000000", "#ffffff", 0.6, 0.5, "gradient", ""))
        {
            Narration = "A lighthouse stands at dusk.",
        };
        var result = await composer.ComposeAsync(Guid.NewGuid(), new VideoRequest("x", 3) { Language = "en-US" }, [shot], [clip], Path.Combine(_folder, "out.mp4"), CancellationToken.None);
        Assert.That(result.Narration.Single().Text, Is.EqualTo("A lighthouse stands at dusk."));
    }
}
