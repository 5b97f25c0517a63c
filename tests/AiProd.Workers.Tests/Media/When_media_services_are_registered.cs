using AiProd.Media;
using AiProd.Workers.Creative;
using AiProd.Workers.Financial;
using AiProd.Workers.Qa;
using AiProd.Workers.Render;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Media;

public class When_media_services_are_registered
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddRenderServices(configuration).AddQaServices(configuration).BuildServiceProvider();
    }

    [Test]
    public void Should_resolve_the_four_implementations_with_configured_options()
    {
        using var provider = Build(new() { ["Render:LocalPricePerSecondUsd"] = "0.002", ["Qa:SemanticPassThreshold"] = "6.5" });
        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<IShotRenderer>().Backend, Is.EqualTo("local"));
            Assert.That(provider.GetRequiredService<IVideoComposer>(), Is.TypeOf<FfmpegVideoComposer>());
            Assert.That(provider.GetRequiredService<ITechnicalQa>(), Is.TypeOf<FfprobeTechnicalQa>());
            Assert.That(provider.GetRequiredService<ISemanticQa>(), Is.TypeOf<OfflineSemanticQa>());
            Assert.That(provider.GetRequiredService<IOptions<RenderOptions>>().Value.LocalPricePerSecondUsd, Is.EqualTo(0.002m));
            Assert.That(provider.GetRequiredService<IOptions<QaOptions>>().Value.SemanticPassThreshold, Is.EqualTo(6.5));
        });
    }

    [Test]
    public void Should_reject_out_of_range_options()
    {
        using var provider = Build(new() { ["Qa:MinPassedChecks"] = "13" });
        Assert.That(() => provider.GetRequiredService<IOptions<QaOptions>>().Value, Throws.TypeOf<OptionsValidationException>());
    }

    [Test]
    public void Should_say_how_to_install_ffmpeg_when_it_is_missing()
    {
        var tool = new MediaTool(
            Options.Create(new MediaOptions { FfprobePath = "/nonexistent/ffprobe" }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MediaTool>.Instance);
        var error = Assert.ThrowsAsync<AiProd.Workers.Common.StepException>(
            () => new MediaProbe(tool).DurationAsync("clip.mp4", "Render", CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Code, Is.EqualTo("ffmpeg_missing"));
            Assert.That(error.Message, Does.Contain("install ffmpeg").And.Contain("Media:FfprobePath"));
            Assert.That(error.Message, Does.Not.Contain("/nonexistent"), "the setting, not the server path");
            Assert.That(error.Retryable, Is.False);
        });
    }
}
