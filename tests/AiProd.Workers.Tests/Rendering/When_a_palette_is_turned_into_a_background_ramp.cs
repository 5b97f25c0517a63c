using AiProd.Contracts;
using AiProd.Workers.Render;

namespace AiProd.Workers.Tests.Rendering;

/// <summary>
/// The local renderer's background is a ramp from the primary to the secondary colour. Two close colours would draw a
/// pattern whose movement nobody sees (semantic QA then calls the scene static and the video goes round again), so the
/// ramp always swings at least <see cref="ShotLook.MinSwing"/> levels of luma, and never leaves the picture's range.
/// </summary>
public class When_a_palette_is_turned_into_a_background_ramp
{
    private static ShotSpec Spec(string primary, string secondary, double brightness = 0.75) =>
        new(1280, 720, 24, primary, secondary, brightness, 0.7, "waves", "A lighthouse at dusk");

    private static double Swing((double A, double B)[] ramp) => ShotLook.Luma(ramp[0].B, ramp[1].B, ramp[2].B);

    [TestCase("#f2a541", "#fb8500", 0.75, TestName = "two oranges at golden hour")]
    [TestCase("#203050", "#203050", 0.2, TestName = "one dark colour twice")]
    [TestCase("#ffffff", "#fafafa", 1.0, TestName = "two whites at full brightness")]
    [TestCase("#000000", "#050505", 0.0, TestName = "two blacks at no brightness")]
    public void Should_swing_at_least_the_least_luma_between_close_colours(string primary, string secondary, double brightness)
    {
        var ramp = ShotLook.ChannelRamp(Spec(primary, secondary, brightness));

        Assert.Multiple(() =>
        {
            Assert.That(Math.Abs(Swing(ramp)), Is.GreaterThanOrEqualTo(ShotLook.MinSwing - 1e-9));
            foreach (var (a, b) in ramp)
            {
                Assert.That(a, Is.InRange(ShotLook.Floor, 255.0), "primary end");
                Assert.That(a + b, Is.InRange(ShotLook.Floor - 1e-9, 255.0 + 1e-9), "secondary end");
            }
        });
    }

    [Test]
    public void Should_keep_a_palette_that_already_swings_enough()
    {
        var spec = Spec("#1d3557", "#e9c46a");
        var scale = ShotLook.Gain(spec.Brightness) * (255 - ShotLook.Floor - 22) / 255;

        var ramp = ShotLook.ChannelRamp(spec);

        Assert.Multiple(() =>
        {
            Assert.That(ramp[0].A, Is.EqualTo(ShotLook.Floor + 0x1d * scale).Within(1e-9));
            Assert.That(ramp[0].B, Is.EqualTo(22 + (0xe9 - 0x1d) * scale).Within(1e-9), "red unchanged");
            Assert.That(ramp[1].B, Is.EqualTo(22 + (0xc4 - 0x35) * scale).Within(1e-9), "green unchanged");
            Assert.That(ramp[2].B, Is.EqualTo(22 + (0x6a - 0x57) * scale).Within(1e-9), "blue unchanged");
        });
    }

    [Test]
    public void Should_move_every_channel_of_an_end_alike_so_its_hue_stays()
    {
        var spec = Spec("#f2a541", "#fb8500");
        var scale = ShotLook.Gain(spec.Brightness) * (255 - ShotLook.Floor - 22) / 255;

        var ramp = ShotLook.ChannelRamp(spec);
        double[] plain = [22 + (0xfb - 0xf2) * scale, 22 + (0x85 - 0xa5) * scale, 22 + (0x00 - 0x41) * scale];

        var secondaryShifts = ramp.Select((r, i) => r.A + r.B - (ShotLook.Floor + new[] { 0xf2, 0xa5, 0x41 }[i] * scale + plain[i])).ToArray();
        var primaryShifts = ramp.Select((r, i) => r.A - (ShotLook.Floor + new[] { 0xf2, 0xa5, 0x41 }[i] * scale)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(secondaryShifts, Has.All.EqualTo(secondaryShifts[0]).Within(1e-9), "the secondary colour's channels alike");
            Assert.That(primaryShifts, Has.All.EqualTo(primaryShifts[0]).Within(1e-9), "the primary colour's channels alike");
            Assert.That(secondaryShifts[0] - primaryShifts[0], Is.GreaterThan(0), "apart, on the side the palette leans to");
        });
    }
}
