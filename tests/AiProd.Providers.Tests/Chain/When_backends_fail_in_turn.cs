using AiProd.Contracts;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Render;

namespace AiProd.Providers.Tests.Chain;

[Category("Integration")]
public class When_backends_fail_in_turn
{
    private VeoStub _veo = null!;
    private RunwayStub _runway = null!;
    private ReplicateStub _replicate = null!;
    private RenderKit _kit = null!;

    [SetUp]
    public async Task Start()
    {
        _veo = await VeoStub.StartAsync();
        _runway = await RunwayStub.StartAsync();
        _replicate = await ReplicateStub.StartAsync();
        _kit = RenderKit.Create(RenderKit.Settings(_veo, _runway, _replicate));
    }

    [TearDown]
    public async Task Stop()
    {
        await _kit.DisposeAsync();
        await _veo.DisposeAsync();
        await _runway.DisposeAsync();
        await _replicate.DisposeAsync();
    }

    private static RenderShot Command(decimal? budget, string primary = "veo3", params string[] fallbacks) =>
        new(Guid.NewGuid(), 1, RenderKit.AShot(), primary, fallbacks.Length == 0 ? ["runway", "replicate-wan25", "local"] : fallbacks) { BudgetUsd = budget };

    [Test]
    public async Task Should_fall_back_through_all_three_to_local_and_record_every_attempt()
    {
        _veo.Ending = StubEnding.Refuse;
        _runway.Ending = StubEnding.Fail;
        _replicate.Output = StubOutput.Corrupt;

        var clip = await _kit.Chain.RenderAsync(Command(budget: 10m), _kit.NewFile(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(clip.Backend, Is.EqualTo("local"));
            Assert.That(clip.Attempts.Select(a => (a.Backend, a.Outcome, a.Code)), Is.EqualTo(new[]
            {
                ("veo3", RenderAttempt.Refused, (string?)"content_refused"),
                ("runway", RenderAttempt.Failed, "provider_error"),
                ("replicate-wan25", RenderAttempt.Failed, "output_corrupt"),
                ("local", RenderAttempt.Succeeded, null),
            }));
            Assert.That(clip.Attempts[2].CostUsd, Is.EqualTo(0.50m), "Replicate billed its prediction although the file was unusable");
            Assert.That(clip.CostUsd, Is.EqualTo(0.50m + clip.Attempts[3].CostUsd), "the failed paid attempt counts in the shot's cost");
            Assert.That(clip.Attempts[3].CostUsd, Is.GreaterThan(0m));
            Assert.That(_veo.Faults.Calls("submit"), Is.EqualTo(1), "the refusal was final for Veo");
        });
    }

    [Test]
    public async Task Should_skip_a_backend_that_no_longer_fits_the_shots_budget_and_use_a_cheaper_one()
    {
        var clip = await _kit.Chain.RenderAsync(Command(budget: 1.00m), _kit.NewFile(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(clip.Backend, Is.EqualTo("runway"));
            Assert.That(clip.Attempts[0].Outcome, Is.EqualTo(RenderAttempt.Skipped));
            Assert.That(clip.Attempts[0].Code, Is.EqualTo("over_budget"));
            Assert.That(clip.Attempts[0].Message, Does.Contain("$3.20"));
            Assert.That(_veo.Faults.Calls("submit"), Is.Zero, "Veo's 8 s at $0.40 would have cost more than the shot may");
            Assert.That(clip.CostUsd, Is.EqualTo(0.25m));
        });
    }

    [Test]
    public void Should_stop_with_budget_exceeded_when_a_billed_failure_leaves_nothing_that_fits()
    {
        _replicate.Output = StubOutput.Corrupt;
        var ex = Assert.ThrowsAsync<RenderChainException>(() =>
            _kit.Chain.RenderAsync(Command(0.50m, "replicate-wan25", "local"), _kit.NewFile(), CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Failure.Code, Is.EqualTo("budget_exceeded"));
            Assert.That(ex.Failure.Stage, Is.EqualTo(VideoStages.Render));
            Assert.That(ex.Failure.Retryable, Is.False);
            Assert.That(ex.Render.Attempts.Select(a => a.Code), Is.EqualTo(new[] { "output_corrupt", "over_budget" }));
            Assert.That(ex.Render.Attempts.Sum(a => a.CostUsd), Is.EqualTo(0.50m), "what was billed is reported so the saga can count it");
        });
    }

    [Test]
    public void Should_fail_as_refused_when_every_backend_refuses()
    {
        _veo.Ending = StubEnding.Refuse;
        _runway.Ending = StubEnding.Refuse;
        _replicate.Ending = StubEnding.Refuse;
        var ex = Assert.ThrowsAsync<RenderChainException>(() =>
            _kit.Chain.RenderAsync(Command(10m, "veo3", "runway", "replicate-wan25"), _kit.NewFile(), CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Failure.Code, Is.EqualTo("content_refused"));
            Assert.That(ex.Failure.Retryable, Is.False);
        });
    }

    [Test]
    public async Task Should_never_log_a_providers_key()
    {
        _veo.Ending = StubEnding.Refuse;
        _runway.Faults.FailNext("create", 503);
        await _kit.Chain.RenderAsync(Command(10m), _kit.NewFile(), CancellationToken.None);

        var lines = _kit.Logs.Lines.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.Not.Empty);
            Assert.That(lines, Has.None.Contain(VeoStub.Key).And.None.Contain(RunwayStub.Key).And.None.Contain(ReplicateStub.Key));
        });
    }
}
