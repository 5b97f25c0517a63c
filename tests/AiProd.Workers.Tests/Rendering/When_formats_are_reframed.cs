using AiProd.Contracts;
using AiProd.Workers.Common;
using AiProd.Workers.Qa;
using AiProd.Workers.Render.Formats;

namespace AiProd.Workers.Tests.Rendering;

/// <summary>Which way each format is cut from the master, where its file sits, and how the verdicts on every format fold into one.</summary>
public class When_formats_are_reframed
{
    [TestCase("16:9", "16:9", "master")]
    [TestCase("16:9", "1:1", "crop")]
    [TestCase("9:16", "1:1", "crop")]
    [TestCase("1:1", "16:9", "crop")]
    [TestCase("16:9", "9:16", "blur-pad")]
    [TestCase("9:16", "16:9", "blur-pad")]
    public void Should_crop_when_half_the_picture_stays_and_pad_over_a_blur_otherwise(string master, string target, string method) =>
        Assert.That(DeliveryFormats.ReframeFor(master, target), Is.EqualTo(method));

    [Test]
    public void Should_cut_the_largest_centred_window_of_the_target_shape_in_even_pixels()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReframeGraph.Window(FrameSize.For("16:9", "720p"), FrameSize.For("1:1", "720p")), Is.EqualTo((720, 720)));
            Assert.That(ReframeGraph.Window(FrameSize.For("1:1", "720p"), FrameSize.For("16:9", "720p")), Is.EqualTo((720, 404)));
            Assert.That(ReframeGraph.Window(FrameSize.For("9:16", "1080p"), FrameSize.For("1:1", "1080p")), Is.EqualTo((1080, 1080)));
        });
    }

    [Test]
    public void Should_list_the_master_first_and_name_each_format_file_beside_it()
    {
        var request = new VideoRequest("A lighthouse", AspectRatio: "9:16") { Formats = ["16:9", "9:16", "1:1"] };
        Assert.Multiple(() =>
        {
            Assert.That(DeliveryFormats.Of(request), Is.EqualTo(new[] { "9:16", "16:9", "1:1" }));
            Assert.That(DeliveryFormats.Extra(request), Is.EqualTo(new[] { "16:9", "1:1" }));
            Assert.That(DeliveryFormats.Of(new VideoRequest("A lighthouse")), Is.EqualTo(new[] { "16:9" }));
            Assert.That(DeliveryFormats.Variant("local:abc/composed-a1.mp4", "1:1"), Is.EqualTo("local:abc/composed-a1.1x1.mp4"));
        });
    }

    private static TechnicalQaReport Report(bool passed, params string[] reasons) =>
        new(passed, passed ? 11 : 8, 11, [new QaCheck("resolution", passed, "720x1280", passed ? "720x1280" : "640x360")], [], reasons, []);

    [Test]
    public void Should_fail_the_video_when_any_format_fails_and_say_which()
    {
        var combined = FormatVerdicts.Combine(Report(true), [
            new("16:9", "master", 1280, 720, 3, Report(true)),
            new("9:16", "blur-pad", 640, 360, 3, Report(false, "The frame is 640x360; 720x1280 was asked for.")),
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(combined.Passed, Is.False);
            Assert.That(combined.Reasons, Is.EqualTo(new[] { "9:16: The frame is 640x360; 720x1280 was asked for." }));
            Assert.That(combined.Formats.Select(f => (f.AspectRatio, f.Passed, f.Reframe)), Is.EqualTo(new[] { ("16:9", true, "master"), ("9:16", false, "blur-pad") }));
        });
    }

    [Test]
    public void Should_leave_a_one_format_report_as_it_was()
    {
        var master = Report(true);
        Assert.That(FormatVerdicts.Combine(master, [new("16:9", "master", 1280, 720, 3, master)]), Is.SameAs(master));
    }
}
