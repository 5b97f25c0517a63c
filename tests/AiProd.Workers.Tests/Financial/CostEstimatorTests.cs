using AiProd.Contracts;
using AiProd.Workers.Financial;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Financial;

internal static class Estimates
{
    public const string AllBackends = "veo3,runway,replicate-wan25,local";

    public static CostDecision For(decimal budget, string enabled = AllBackends, string resolution = "720p", double complexity = 0.5, FinancialOptions? options = null)
    {
        options ??= new FinancialOptions();
        options.EnabledBackends = enabled;
        var request = new VideoRequest("A calm lake", 10, Resolution: resolution);
        var analysis = new RequestAnalysis(complexity, 2, ["lake"], new Dictionary<string, double>());
        return new CostEstimator(Options.Create(options)).Estimate(new EstimateCost(Guid.Empty, 1, request, analysis, [], budget));
    }
}

public class When_every_backend_fits_the_budget
{
    [Test]
    public void Should_render_with_the_best_and_fall_back_in_quality_order_ending_with_local()
    {
        var decision = Estimates.For(budget: 5m);

        Assert.That(decision.FitsBudget, Is.True);
        Assert.That(decision.Estimate!.Backend, Is.EqualTo("veo3"));
        Assert.That(decision.Estimate.EstimatedUsd, Is.EqualTo(4.00m));
        Assert.That(decision.Estimate.FallbackChain, Is.EqualTo(new[] { "runway", "replicate-wan25", "local" }));
    }

    [Test]
    public void Should_quote_every_enabled_backend_with_its_price()
    {
        var options = Estimates.For(budget: 5m).Options;

        Assert.That(options.Select(o => (o.Backend, o.PricePerSecondUsd, o.CostUsd, o.FitsBudget)), Is.EqualTo(new[]
        {
            ("veo3", 0.40m, 4.00m, true), ("runway", 0.05m, 0.50m, true), ("replicate-wan25", 0.10m, 1.00m, true), ("local", 0.001m, 0.01m, true),
        }));
    }

    [Test]
    public void Should_use_the_resolution_specific_price() =>
        Assert.That(Estimates.For(5m, resolution: "1080p").Options.Single(o => o.Backend == "replicate-wan25").CostUsd, Is.EqualTo(1.50m));

    [Test]
    public void Should_report_the_cost_model_factors() =>
        Assert.That(Estimates.For(5m).Estimate!.Factors, Does.ContainKey("totalMultiplier").And.ContainKey("spotMultiplier"));

    [Test]
    public void Should_charge_more_for_a_more_complex_video() =>
        Assert.That(Estimates.For(5m, complexity: 1).Estimate!.EstimatedUsd, Is.GreaterThan(Estimates.For(5m, complexity: 0).Estimate!.EstimatedUsd));
}

public class When_the_best_backend_is_over_budget
{
    [Test]
    public void Should_pick_the_best_that_fits_and_keep_only_fitting_fallbacks()
    {
        var decision = Estimates.For(budget: 0.75m);

        Assert.That(decision.Estimate!.Backend, Is.EqualTo("runway"));
        Assert.That(decision.Estimate.FallbackChain, Is.EqualTo(new[] { "local" }));
        Assert.That(decision.Options.Single(o => o.Backend == "veo3").FitsBudget, Is.False);
        Assert.That(decision.Message, Does.Contain("runway at $0.50 fits the remaining budget of $0.75"));
    }

    [Test]
    public void Should_get_cheaper_on_spot_capacity()
    {
        var decision = Estimates.For(budget: 2m, options: new FinancialOptions { UseSpot = true });

        Assert.That(decision.Estimate!.Backend, Is.EqualTo("veo3"));
        Assert.That(decision.Estimate.EstimatedUsd, Is.EqualTo(1.60m));
    }
}

public class When_only_the_local_renderer_is_enabled
{
    [Test]
    public void Should_quote_only_local_by_default()
    {
        var options = new FinancialOptions();
        var request = new VideoRequest("A calm lake", 10);
        var analysis = new RequestAnalysis(0.5, 2, [], new Dictionary<string, double>());

        var decision = new CostEstimator(Options.Create(options)).Estimate(new EstimateCost(Guid.Empty, 1, request, analysis, [], 5m));

        Assert.That(decision.Options.Select(o => o.Backend), Is.EqualTo(new[] { "local" }));
        Assert.That(decision.Estimate!.Backend, Is.EqualTo("local"));
        Assert.That(decision.Estimate.FallbackChain, Is.Empty);
    }
}

public class When_no_backend_fits_the_budget
{
    [Test]
    public void Should_say_which_option_is_cheapest_and_by_how_much_it_exceeds_the_budget()
    {
        var options = new FinancialOptions();
        options.PricesPerSecondUsd["local"] = 0.042m;

        var decision = Estimates.For(budget: 0.10m, options: options);

        Assert.That(decision.FitsBudget, Is.False);
        Assert.That(decision.Estimate, Is.Null);
        Assert.That(decision.CheapestUsd, Is.EqualTo(0.42m));
        Assert.That(decision.Message, Does.Contain("the cheapest option, local at $0.42, exceeds the remaining budget of $0.10"));
        Assert.That(decision.Options.Select(o => o.FitsBudget), Has.All.False);
    }
}

public class When_billing_the_shot_plan
{
    [Test]
    public void Should_round_every_shot_up_to_a_whole_second()
    {
        var request = new VideoRequest(Planning.Prompts[0], 10);
        var shots = Planning.Shots(request);
        var estimator = new CostEstimator(Options.Create(new FinancialOptions()));

        var parameters = estimator.Parameters(new EstimateCost(Guid.Empty, 1, request, Planning.Analyze(request), shots, 5m));

        Assert.That(parameters.BilledSeconds, Is.EqualTo(shots.Sum(s => Math.Ceiling(s.DurationSeconds))));
        Assert.That(parameters.BilledSeconds, Is.GreaterThanOrEqualTo(10));
    }
}

public class When_backends_only_make_clips_of_fixed_lengths
{
    private static Shot Shot(int i, double seconds) => new(
        $"s{i}", 0, i, "a calm lake", "wide", "static", "cut", ["start"], seconds,
        new ShotSpec(1280, 720, 24, "#8090a0", "#203040", 0.5, 0.3, "lake", "Lake"));

    private static CostDecision Estimate(params double[] shots)
    {
        var options = new FinancialOptions { EnabledBackends = Estimates.AllBackends };
        var request = new VideoRequest("A calm lake", shots.Sum());
        var analysis = new RequestAnalysis(0.5, 1, ["lake"], new Dictionary<string, double>());
        var plan = shots.Select((seconds, i) => Shot(i, seconds)).ToList();
        return new CostEstimator(Options.Create(options)).Estimate(new EstimateCost(Guid.Empty, 1, request, analysis, plan, 100m));
    }

    [Test]
    public void Should_bill_every_short_shot_a_whole_veo_clip_of_8_seconds()
    {
        var veo = Estimate(2, 2, 2).Options.Single(o => o.Backend == "veo3");

        Assert.That(veo.CostUsd, Is.EqualTo(0.40m * 24));
    }

    [Test]
    public void Should_bill_runway_and_wan_the_shortest_clip_that_covers_each_shot()
    {
        var options = Estimate(3, 7).Options;

        Assert.That(options.Single(o => o.Backend == "runway").CostUsd, Is.EqualTo(0.05m * (5 + 10)));
        Assert.That(options.Single(o => o.Backend == "replicate-wan25").CostUsd, Is.EqualTo(0.10m * (5 + 10)));
        Assert.That(options.Single(o => o.Backend == "local").CostUsd, Is.EqualTo(0.001m * (3 + 7)), "local bills its own seconds");
    }

    [Test]
    public void Should_bill_a_shot_longer_than_the_longest_clip_as_several_clips() =>
        Assert.That(Estimate(12).Options.Single(o => o.Backend == "veo3").CostUsd, Is.EqualTo(0.40m * 16));

    [Test]
    public void Should_refuse_clip_lengths_that_are_not_whole_seconds()
    {
        var options = new FinancialOptions();
        options.ClipLengthsSeconds["veo3"] = "8,abc";

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.That(problems.Single().ErrorMessage, Does.Contain("ClipLengthsSeconds").And.Contain("veo3"));
    }
}
