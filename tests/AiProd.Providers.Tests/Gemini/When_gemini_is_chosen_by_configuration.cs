using AiProd.Media;
using AiProd.Providers.Gemini;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Common;
using AiProd.Workers.Creative;
using AiProd.Workers.Creative.Direction;
using AiProd.Workers.Creative.Gemini;
using AiProd.Workers.Financial;
using AiProd.Workers.Qa;
using AiProd.Workers.Qa.Gemini;
using AiProd.Workers.Render;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiProd.Providers.Tests.Gemini;

public class When_gemini_is_chosen_by_configuration
{
    [Test]
    public void Should_keep_the_offline_implementations_without_a_key()
    {
        using var services = Build();
        Assert.Multiple(() =>
        {
            Assert.That(services.GetRequiredService<ICreativeDirector>(), Is.TypeOf<OfflineCreativeDirector>());
            Assert.That(services.GetRequiredService<ISemanticQa>(), Is.TypeOf<OfflineSemanticQa>());
            Assert.That(services.GetService<GeminiClient>(), Is.Null);
        });
    }

    [Test]
    public void Should_use_gemini_for_both_when_a_key_is_configured()
    {
        using var services = Build(("Providers:Gemini:ApiKey", "k"));
        Assert.Multiple(() =>
        {
            Assert.That(services.GetRequiredService<ICreativeDirector>(), Is.TypeOf<GeminiOrOfflineDirector>());
            Assert.That(services.GetRequiredService<ISemanticQa>(), Is.TypeOf<GeminiOrOfflineSemanticQa>());
        });
    }

    [Test]
    public void Should_accept_the_key_from_GEMINI_API_KEY()
    {
        using var services = Build(("GEMINI_API_KEY", "from-env"), ("Qa:SemanticEvaluator", "offline"));
        Assert.Multiple(() =>
        {
            Assert.That(services.GetRequiredService<ICreativeDirector>(), Is.TypeOf<GeminiOrOfflineDirector>());
            Assert.That(services.GetRequiredService<ISemanticQa>(), Is.TypeOf<OfflineSemanticQa>());
            Assert.That(services.GetRequiredService<IOptions<GeminiOptions>>().Value.ApiKey, Is.EqualTo("from-env"));
        });
    }

    [Test]
    public void Should_let_configuration_keep_a_stage_offline_despite_a_key()
    {
        using var services = Build(("Providers:Gemini:ApiKey", "k"), ("Creative:Director", "offline"));
        Assert.Multiple(() =>
        {
            Assert.That(services.GetRequiredService<ICreativeDirector>(), Is.TypeOf<OfflineCreativeDirector>());
            Assert.That(services.GetRequiredService<ISemanticQa>(), Is.TypeOf<GeminiOrOfflineSemanticQa>());
        });
    }

    [TestCase("gemini", null, "no Gemini API key is configured")]
    [TestCase("claude", "k", "must be 'gemini' or 'offline', not 'claude'")]
    public void Should_refuse_to_start_with_an_impossible_choice(string director, string? key, string message)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Build(("Creative:Director", director), ("Providers:Gemini:ApiKey", key)).Dispose());
        Assert.That(failure!.Message, Does.Contain(message));
    }

    [Test]
    public void Should_validate_the_options_at_start()
    {
        using var services = Build(("Providers:Gemini:ApiKey", "k"), ("Providers:Gemini:KeyframeCount", "12"));
        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<GeminiOptions>>().Value);
        Assert.That(failure!.Message, Does.Contain("KeyframeCount"));
    }

    private static ServiceProvider Build(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();
        return new ServiceCollection().AddLogging().AddCreativeServices(configuration).AddFinancialServices(configuration).AddRenderServices(configuration).AddQaServices(configuration).BuildServiceProvider();
    }
}

[Category("Integration")]
public class When_gemini_fails_and_offline_may_take_over
{
    private string _folder = null!;
    private string _video = null!;

    [OneTimeSetUp]
    public async Task MakeVideo()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gemini-fallback-").FullName;
        _video = await VideoFixture.MakeAsync(_folder, "testsrc2");
    }

    [OneTimeTearDown]
    public void DeleteVideo() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Should_direct_offline_and_say_so_when_configured()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:FallbackToOffline", "true"), ("Providers:Gemini:ApiKey", "wrong"));
        var direction = await kit.Director.DirectAsync(GeminiKit.Command(seconds: 6), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(direction.Notes[0], Is.EqualTo("offline director took over: gemini failed (unauthorized)."));
            Assert.That(direction.Scenes.Sum(s => s.DurationSeconds), Is.EqualTo(6.0).Within(0.001));
            Assert.That(kit.Logs, Has.Some.Contains("the offline director takes over"));
        });
    }

    [Test]
    public async Task Should_fail_instead_when_not_configured()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:ApiKey", "wrong"));
        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.That(failure!.Code, Is.EqualTo("unauthorized"));
    }

    [Test]
    public async Task Should_never_route_around_a_safety_refusal()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:FallbackToOffline", "true"));
        kit.Stub.Enqueue(GeminiStubFault.PromptBlocked());
        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.That(failure!.Code, Is.EqualTo("content_refused"));
    }

    [Test]
    public async Task Should_judge_offline_and_name_the_failure_in_the_evaluator()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:FallbackToOffline", "true"), ("Providers:Gemini:MaxRetries", "0"));
        kit.Stub.Enqueue(GeminiStubFault.ServerError(500));
        var report = await kit.SemanticQa.EvaluateAsync(_video, VideoFixture.Command(_video), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(report.Evaluator, Is.EqualTo("offline-signals (gemini failed: provider_error)"));
            Assert.That(report.Overall.Basis, Does.Contain("0.3 x visual"), "the offline evaluator's own basis");
        });
    }
}
