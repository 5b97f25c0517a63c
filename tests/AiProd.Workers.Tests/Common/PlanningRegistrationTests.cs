using AiProd.Contracts;
using AiProd.Sanitizing;
using AiProd.Workers.Common;
using AiProd.Workers.Creative;
using AiProd.Workers.Creative.Analysis;
using AiProd.Workers.Creative.Direction;
using AiProd.Workers.Creative.Visual;
using AiProd.Workers.Financial;
using AiProd.Workers.Qa;
using AiProd.Workers.Render;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Common;

public class When_registering_the_planning_services
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCreativeServices(builder.Configuration).AddFinancialServices(builder.Configuration);
        return builder.Build();
    }

    [Test]
    public async Task Should_resolve_all_five_as_singletons()
    {
        using var host = Build([]);
        await host.StartAsync();

        var sanitizer = host.Services.GetRequiredService<IInputSanitizer>();
        Assert.That(host.Services.GetRequiredService<IInputSanitizer>(), Is.InstanceOf<InputSanitizer>().And.SameAs(sanitizer));
        Assert.That(host.Services.GetRequiredService<IRequestAnalyzer>(), Is.InstanceOf<RequestAnalyzer>());
        Assert.That(host.Services.GetRequiredService<ICreativeDirector>(), Is.InstanceOf<OfflineCreativeDirector>());
        Assert.That(host.Services.GetRequiredService<IVisualTranslator>(), Is.InstanceOf<VisualTranslator>());
        Assert.That(host.Services.GetRequiredService<ICostEstimator>(), Is.InstanceOf<CostEstimator>());
        await host.StopAsync();
    }

    [Test]
    public void Should_bind_the_financial_section_replacing_lists_and_merging_prices()
    {
        using var host = Build(new()
        {
            ["Financial:EnabledBackends"] = "veo3, local",
            ["Financial:PricesPerSecondUsd:veo3"] = "0.15",
        });

        var options = host.Services.GetRequiredService<IOptions<FinancialOptions>>().Value;

        Assert.That(options.Enabled, Is.EqualTo(new[] { "veo3", "local" }));
        Assert.That(options.PricesPerSecondUsd["veo3"], Is.EqualTo(0.15m));
        Assert.That(options.PricesPerSecondUsd["runway"], Is.EqualTo(0.05m));
    }

    [Test]
    public void Should_bind_the_sanitizer_section()
    {
        using var host = Build(new() { ["Sanitizer:MaxPromptLength"] = "20" });

        var result = host.Services.GetRequiredService<IInputSanitizer>().Sanitize(new VideoRequest("a calm lake at dawn in spring"));

        Assert.That(result.Violations.Single().Code, Is.EqualTo("prompt_too_long"));
    }

    [Test]
    public void Should_replace_the_default_frame_rates_rather_than_add_to_them()
    {
        using var host = Build(new() { ["Sanitizer:FrameRates"] = "30" });

        var violations = host.Services.GetRequiredService<IInputSanitizer>().Sanitize(new VideoRequest("A calm lake", FrameRate: 24)).Violations;

        Assert.That(violations.Single().Message, Does.Contain("allowed: 30 frames"));
    }

    [TestCase("Sanitizer:ToxicityThreshold", "5")]
    [TestCase("Sanitizer:FrameRates", "fast")]
    [TestCase("Sanitizer:FrameRates", "0")]
    [TestCase("Sanitizer:MinDurationSeconds", "90")]
    [TestCase("Financial:GpuTier", "T4")]
    [TestCase("Financial:EnabledBackends", "sora")]
    [TestCase("Financial:EnabledBackends", " , ")]
    public void Should_refuse_to_start_with_invalid_options(string key, string value)
    {
        using var host = Build(new() { [key] = value });

        Assert.That(async () => await host.StartAsync(), Throws.InstanceOf<OptionsValidationException>());
    }
}
