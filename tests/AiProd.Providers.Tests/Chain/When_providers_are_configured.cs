using AiProd.Workers.Render;
using AiProd.Workers.Render.Hosted.Replicate;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiProd.Providers.Tests.Chain;

public class When_providers_are_configured
{
    [Test]
    public async Task Should_register_only_the_local_renderer_without_keys()
    {
        await using var kit = RenderKit.Create(new Dictionary<string, string?>());
        Assert.That(kit.Services.GetServices<IShotRenderer>().Select(r => r.Backend), Is.EqualTo(new[] { "local" }));
    }

    [Test]
    public async Task Should_take_a_key_from_the_vendors_usual_variable()
    {
        await using var kit = RenderKit.Create(new Dictionary<string, string?> { ["REPLICATE_API_TOKEN"] = "r8_from-env" });
        Assert.Multiple(() =>
        {
            Assert.That(kit.Services.GetServices<IShotRenderer>().Select(r => r.Backend), Is.EquivalentTo(new[] { "local", "replicate-wan25" }));
            Assert.That(kit.Services.GetRequiredService<IOptions<ReplicateOptions>>().Value.ApiKey, Is.EqualTo("r8_from-env"));
            Assert.That(kit.Services.GetRequiredService<IOptions<ReplicateOptions>>().Value.BaseUrl, Is.EqualTo(new Uri("https://api.replicate.com")));
        });
    }

    [Test]
    public async Task Should_prefer_the_sections_key_and_register_every_keyed_backend()
    {
        await using var kit = RenderKit.Create(new Dictionary<string, string?>
        {
            ["Providers:Veo:ApiKey"] = "a",
            ["Providers:Runway:ApiKey"] = "b",
            ["Providers:Replicate:ApiKey"] = "c",
            ["REPLICATE_API_TOKEN"] = "ignored",
        });
        Assert.Multiple(() =>
        {
            Assert.That(kit.Services.GetServices<IShotRenderer>().Select(r => r.Backend), Is.EquivalentTo(new[] { "local", "veo3", "runway", "replicate-wan25" }));
            Assert.That(kit.Services.GetRequiredService<IOptions<ReplicateOptions>>().Value.ApiKey, Is.EqualTo("c"));
        });
    }
}

public class When_replicate_options_are_checked
{
    [Test]
    public void Should_refuse_an_attempt_timeout_that_a_held_create_would_outlast()
    {
        var options = new ReplicateOptions { ApiKey = "k", PreferWaitSeconds = 60, AttemptTimeout = TimeSpan.FromSeconds(60) };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.False);
            Assert.That(results.Single().MemberNames, Is.EqualTo(new[] { "AttemptTimeout" }));
            Assert.That(new ReplicateOptions().Validate(new(new ReplicateOptions())), Is.Empty, "the defaults are consistent");
        });
    }
}
