using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Render;

namespace AiProd.Providers.Tests.Chain;

[Category("Integration")]
public class When_a_provider_keeps_failing
{
    [Test]
    public async Task Should_open_the_breaker_and_fail_fast_without_calling_the_provider()
    {
        await using var veo = await VeoStub.StartAsync();
        veo.Faults.FailNext("submit", 500, times: 20);
        var settings = RenderKit.Settings(veo: veo);
        settings["Providers:Veo:MaxRetries"] = "0";
        settings["Providers:Veo:BreakerMinimumThroughput"] = "2";
        settings["Providers:Veo:BreakDuration"] = "00:00:30";
        await using var kit = RenderKit.Create(settings);
        var renderer = kit.Renderer("veo3");

        var codes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var ex = Assert.ThrowsAsync<ShotRenderException>(() => renderer.RenderAsync(Guid.NewGuid(), RenderKit.AShot(), kit.NewFile(), CancellationToken.None))!;
            codes.Add(ex.Code);
        }

        Assert.Multiple(() =>
        {
            Assert.That(codes, Is.EqualTo(new[] { "provider_error", "provider_error", "circuit_open", "circuit_open" }));
            Assert.That(veo.Faults.Calls("submit"), Is.EqualTo(2), "an open breaker keeps calls from the provider");
        });
    }
}
