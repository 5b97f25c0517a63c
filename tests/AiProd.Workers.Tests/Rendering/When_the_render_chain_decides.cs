using AiProd.Contracts;
using AiProd.Workers.Render;

namespace AiProd.Workers.Tests.Rendering;

public class When_the_render_chain_decides
{
    private static RenderAttempt A(string backend, string outcome, string? code = null, decimal cost = 0m) => new(backend, outcome, code, null, cost, 0);

    [Test]
    public void Should_try_the_primary_then_each_fallback_once() =>
        Assert.That(RenderChainPolicy.Order("veo3", ["runway", "veo3", "local", "runway"]), Is.EqualTo(new[] { "veo3", "runway", "local" }));

    [TestCase(null, 100, 100, true)]
    [TestCase(1.0, 0.0, 1.0, true)]
    [TestCase(1.0, 0.5, 0.5, true)]
    [TestCase(1.0, 0.5, 0.51, false)]
    [TestCase(0.0, 0.0, 0.001, false)]
    public void Should_start_an_attempt_only_within_the_shots_allowance(double? allowance, double spent, double quote, bool fits) =>
        Assert.That(RenderChainPolicy.Fits((decimal?)allowance, (decimal)spent, (decimal)quote), Is.EqualTo(fits));

    [Test]
    public void Should_fail_with_budget_exceeded_when_the_chain_ended_on_a_budget_skip()
    {
        var failure = RenderChainPolicy.Failure("s1", [A("veo3", RenderAttempt.Failed, "output_corrupt", 3.2m), A("local", RenderAttempt.Skipped, "over_budget")]);
        Assert.Multiple(() =>
        {
            Assert.That(failure.Code, Is.EqualTo("budget_exceeded"));
            Assert.That(failure.Retryable, Is.False);
            Assert.That(failure.Message, Does.Contain("$3.20"));
        });
    }

    [Test]
    public void Should_fail_as_refused_when_every_tried_backend_refused()
    {
        var failure = RenderChainPolicy.Failure("s1", [A("veo3", RenderAttempt.Refused, "content_refused"), A("runway", RenderAttempt.Skipped, "backend_unavailable"), A("replicate-wan25", RenderAttempt.Refused, "content_refused")]);
        Assert.That((failure.Code, failure.Retryable), Is.EqualTo(("content_refused", false)));
    }

    [Test]
    public void Should_fail_as_unavailable_when_no_backend_of_the_chain_runs_here()
    {
        var failure = RenderChainPolicy.Failure("s1", [A("veo3", RenderAttempt.Skipped, "backend_unavailable")]);
        Assert.That((failure.Code, failure.Retryable), Is.EqualTo(("backend_unavailable", true)));
    }

    [Test]
    public void Should_fail_as_retryable_when_a_backend_failed_for_its_own_reasons()
    {
        var failure = RenderChainPolicy.Failure("s1", [A("veo3", RenderAttempt.Refused, "content_refused"), A("runway", RenderAttempt.Failed, "rate_limited")]);
        Assert.That((failure.Code, failure.Retryable), Is.EqualTo(("render_failed", true)));
    }
}
