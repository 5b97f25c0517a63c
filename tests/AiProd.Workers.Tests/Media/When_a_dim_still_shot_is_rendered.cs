using AiProd.Contracts;
using AiProd.Workers.Qa;

namespace AiProd.Workers.Tests.Media;

/// <summary>The renderer's floor: the darkest, stillest spec must still move and stay visible, for every pattern.</summary>
[Category("Integration")]
public class When_a_dim_still_shot_is_rendered
{
    private MediaKit _kit = null!;

    [OneTimeSetUp]
    public void Start() => _kit = new MediaKit();

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [TestCase("gradient", "static")]
    [TestCase("waves", "static")]
    [TestCase("particles", "static")]
    [TestCase("rings", "orbit")]
    [TestCase("bars", "tilt down")]
    public async Task Should_never_look_black_or_frozen(string pattern, string movement)
    {
        var shot = MediaKit.Shot($"{pattern}-dim", 0, 2.6, "cut", pattern, movement, "medium", brightness: 0.2, motion: 0, width: 320, height: 180) with
        {
            Spec = MediaKit.Shot("x", 0, 1, "cut", pattern, movement, "medium", width: 320, height: 180).Spec with
            {
                PrimaryColor = "#000000",
                SecondaryColor = "#101010",
                Brightness = 0.2,
                MotionIntensity = 0,
            },
        };
        var clip = _kit.PathOf($"{pattern}.mp4");
        var result = await _kit.Renderer().RenderAsync(Guid.NewGuid(), shot, clip, CancellationToken.None);

        var qa = await _kit.TechnicalQa().CheckAsync(clip, null, [new ShotTiming(shot.ShotId, 0, 2.6)], CancellationToken.None);
        Assert.That(result.DurationSeconds, Is.EqualTo(2.625).Within(0.05));
        Assert.That(qa.Defects.Where(d => d.Kind != "silence"), Is.Empty, string.Join("; ", qa.Defects));
    }
}
