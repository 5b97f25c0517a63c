using AiProd.Workers.Common;

namespace AiProd.Workers.Tests;

public class When_choosing_frame_dimensions
{
    [TestCase("16:9", "720p", 1280, 720)]
    [TestCase("9:16", "720p", 720, 1280)]
    [TestCase("1:1", "720p", 720, 720)]
    [TestCase("16:9", "1080p", 1920, 1080)]
    public void Should_use_the_resolution_as_the_short_side(string aspect, string resolution, int width, int height) =>
        Assert.That(FrameSize.For(aspect, resolution), Is.EqualTo(new FrameSize(width, height)));

    [Test]
    public void Should_name_the_allowed_values_when_the_aspect_is_unknown() =>
        Assert.That(() => FrameSize.For("4:3", "720p"), Throws.ArgumentException.With.Message.Contains("16:9, 9:16, 1:1"));
}
