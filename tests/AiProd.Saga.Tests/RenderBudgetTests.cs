using AiProd.Saga.Decisions;

namespace AiProd.Saga.Tests;

public class When_the_budget_is_shared_among_shots
{
    [Test]
    public void Should_share_the_unspent_budget_in_proportion_to_length_without_exceeding_it()
    {
        var shares = RenderBudget.Share(5.00m, [3.0, 3.0, 4.0]);
        Assert.Multiple(() =>
        {
            Assert.That(shares, Is.EqualTo(new[] { 1.50m, 1.50m, 2.00m }));
            Assert.That(RenderBudget.Share(1.00m, [1.0, 1.0, 1.0]).Sum(), Is.LessThanOrEqualTo(1.00m));
        });
    }

    [Test]
    public void Should_give_nothing_when_the_budget_is_already_spent() =>
        Assert.That(RenderBudget.Share(-0.25m, [2.0, 2.0]), Is.EqualTo(new[] { 0m, 0m }));
}
