using AiProd.Workers.Qa.Consistency;

namespace AiProd.Workers.Tests.Media;

/// <summary>The arithmetic under the consistency scorer: HSV histograms and their distances, SSIM, and TF-IDF cosine.</summary>
public class When_consistency_measures_are_computed
{
    private const int Side = 64;

    private static byte[] Solid(byte r, byte g, byte b) =>
        [.. Enumerable.Range(0, Side * Side).SelectMany(_ => new[] { r, g, b })];

    private static IReadOnlyList<double> HistogramOf(params byte[][] frames)
    {
        var histogram = new ColourHistogram();
        foreach (var frame in frames)
            histogram.Add(frame);
        return histogram.Shares;
    }

    /// <summary>A grey test card: diagonal ramps with a checker on top, so it has structure at several scales.</summary>
    private static byte[] Card(int shift = 0, int offset = 0) =>
        [.. Enumerable.Range(0, Side * Side).Select(i =>
        {
            var (x, y) = ((i % Side + shift) % Side, i / Side);
            return (byte)Math.Clamp((x * 3 + y * 2) % 200 + ((x / 8 + y / 8) % 2 == 0 ? 40 : 0) + offset, 0, 255);
        })];

    [Test]
    public void Should_put_pure_hues_in_different_bins_and_greys_in_the_hueless_one()
    {
        var red = ColourHistogram.Bin(255, 0, 0);
        var green = ColourHistogram.Bin(0, 255, 0);
        var blue = ColourHistogram.Bin(0, 0, 255);
        Assert.Multiple(() =>
        {
            Assert.That(new[] { red, green, blue }.Distinct().Count(), Is.EqualTo(3));
            Assert.That(ColourHistogram.Bin(128, 128, 128) / (ColourHistogram.SaturationBins * ColourHistogram.ValueBins), Is.Zero, "a grey has no hue");
            Assert.That(ColourHistogram.Bin(128, 128, 128), Is.Not.EqualTo(ColourHistogram.Bin(250, 250, 250)), "greys differ by value");
        });
    }

    [Test]
    public void Should_measure_bhattacharyya_and_chi_square_from_zero_for_one_palette_to_one_for_none_shared()
    {
        var red = HistogramOf(Solid(220, 20, 20));
        var blue = HistogramOf(Solid(20, 20, 220));
        var half = HistogramOf(Solid(220, 20, 20), Solid(20, 20, 220));
        Assert.Multiple(() =>
        {
            Assert.That(red.Sum(), Is.EqualTo(1).Within(1e-9));
            Assert.That(ColourHistogram.Bhattacharyya(red, red), Is.EqualTo(0).Within(1e-6));
            Assert.That(ColourHistogram.Bhattacharyya(red, blue), Is.EqualTo(1).Within(1e-6));
            // Half the pixels shared: BC = √0.5, distance √(1 − √0.5) ≈ 0.541.
            Assert.That(ColourHistogram.Bhattacharyya(red, half), Is.EqualTo(Math.Sqrt(1 - Math.Sqrt(0.5))).Within(1e-6));
            Assert.That(ColourHistogram.ChiSquare(red, red), Is.Zero);
            Assert.That(ColourHistogram.ChiSquare(red, blue), Is.EqualTo(1).Within(1e-9));
            // ½[(1 − ½)²/(1 + ½) + (0 − ½)²/(0 + ½)] = ½(1/6 + 1/2) = 1/3.
            Assert.That(ColourHistogram.ChiSquare(red, half), Is.EqualTo(1.0 / 3).Within(1e-9));
        });
    }

    [Test]
    public void Should_give_ssim_one_for_one_frame_and_less_as_structure_goes()
    {
        var card = Card();
        var brighter = Card(offset: 12);
        var shifted = Card(shift: 9);
        var inverted = card.Select(p => (byte)(255 - p)).ToArray();
        var same = Ssim.Compute(card, card, Side, Side);
        var lit = Ssim.Compute(card, brighter, Side, Side);
        var moved = Ssim.Compute(card, shifted, Side, Side);
        Assert.Multiple(() =>
        {
            Assert.That(same, Is.EqualTo(1).Within(1e-9));
            Assert.That(lit, Is.InRange(0.9, 0.9999), "a small brightness lift keeps the structure");
            Assert.That(moved, Is.LessThan(lit), "moving the pattern breaks the structure more than lighting it");
            Assert.That(Ssim.Compute(card, inverted, Side, Side), Is.LessThan(0), "an inverted picture anti-correlates");
            Assert.That(Ssim.MeanAbsoluteDifference(card, brighter), Is.EqualTo(12).Within(0.5));
        });
    }

    [Test]
    public void Should_compare_texts_by_tf_idf_cosine_over_stemmed_content_words()
    {
        var prompt = "A lighthouse at dusk, waves crashing on the rocks";
        var scene = "Waves crash below the lighthouse as dusk falls";
        var other = "A bowl of ramen steaming on a wooden table";
        var similarity = new TextSimilarity([prompt, scene, other]);
        Assert.Multiple(() =>
        {
            Assert.That(similarity.Cosine(prompt, prompt), Is.EqualTo(1).Within(1e-9));
            Assert.That(similarity.Cosine(prompt, other), Is.Zero);
            Assert.That(similarity.Cosine(prompt, scene), Is.GreaterThan(0.5), "lighthouse, dusk, wave and crash are shared once stemmed");
            Assert.That(similarity.Cosine(prompt, ""), Is.Zero);
        });
    }
}
