using AiProd.Workers.Creative.Direction;

namespace AiProd.Workers.Tests.Creative;

public class When_spreading_beats_over_scenes
{
    [TestCase(1, "climax")]
    [TestCase(2, "setup,climax")]
    [TestCase(3, "setup,climax,resolution")]
    [TestCase(4, "setup,rising,climax,resolution")]
    [TestCase(5, "setup,rising,climax,falling,resolution")]
    [TestCase(6, "setup,rising,rising,climax,falling,resolution")]
    [TestCase(10, "setup,rising,rising,rising,rising,climax,falling,falling,falling,resolution")]
    public void Should_follow_the_arc(int scenes, string beats) =>
        Assert.That(NarrativeArc.Beats(scenes), Is.EqualTo(beats.Split(',')));

    [Test]
    public void Should_have_exactly_one_climax_for_any_scene_count()
    {
        for (var n = 1; n <= 10; n++)
            Assert.That(NarrativeArc.Beats(n).Count(b => b == NarrativeArc.Climax), Is.EqualTo(1), $"{n} scenes");
    }
}
