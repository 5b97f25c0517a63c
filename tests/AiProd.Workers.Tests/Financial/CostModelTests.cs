using AiProd.Workers.Financial;

namespace AiProd.Workers.Tests.Financial;

public class When_computing_the_cost_model_multipliers
{
    [TestCase(0.0, 0.8)]
    [TestCase(0.5, 1.0)]
    [TestCase(1.0, 1.2)]
    [TestCase(7.0, 1.2)]
    public void Should_scale_complexity_around_the_middle(double complexity, double expected) =>
        Assert.That(CostModel.ComplexityMultiplier(complexity, 0.4), Is.EqualTo(expected).Within(1e-9));

    [TestCase("fp32", 1.6)]
    [TestCase("fp16", 1.0)]
    [TestCase("int8", 0.7)]
    public void Should_price_quantization_relative_to_fp16(string quantization, double expected) =>
        Assert.That(CostModel.QuantizationMultiplier(quantization), Is.EqualTo(expected));

    [TestCase("L4", 1.15)]
    [TestCase("A100", 1.0)]
    [TestCase("H100", 0.85)]
    public void Should_price_gpu_tiers_relative_to_an_a100(string tier, double expected) =>
        Assert.That(CostModel.GpuTierMultiplier(tier), Is.EqualTo(expected));

    [TestCase("pytorch", 1.0)]
    [TestCase("tensorrt", 0.75)]
    [TestCase("jax", 0.9)]
    public void Should_price_frameworks_relative_to_pytorch(string framework, double expected) =>
        Assert.That(CostModel.FrameworkMultiplier(framework), Is.EqualTo(expected));

    [Test]
    public void Should_name_the_allowed_values_for_an_unknown_choice() =>
        Assert.That(() => CostModel.GpuTierMultiplier("T4"), Throws.ArgumentException.With.Message.Contains("L4, A100, H100"));

    [TestCase(1, 1.0)]
    [TestCase(2, 1 / 1.15)]
    [TestCase(8, 1 / 1.45)]
    public void Should_save_a_share_per_doubling_of_the_batch(int batch, double expected) =>
        Assert.That(CostModel.BatchMultiplier(batch, 0.15), Is.EqualTo(expected).Within(1e-9));

    [TestCase(1, 1.0, 1.0)]
    [TestCase(2, 1.9, 2 / 1.9)]
    [TestCase(8, 7.3, 8 / 7.3)]
    public void Should_speed_up_but_cost_a_little_more_with_more_gpus(int gpus, double speedUp, double multiplier)
    {
        Assert.That(CostModel.MultiGpuSpeedUp(gpus, 0.9), Is.EqualTo(speedUp).Within(1e-9));
        Assert.That(CostModel.MultiGpuMultiplier(gpus, 0.9), Is.EqualTo(multiplier).Within(1e-9));
    }

    [Test]
    public void Should_cost_the_same_on_several_perfectly_parallel_gpus() =>
        Assert.That(CostModel.MultiGpuMultiplier(4, 1.0), Is.EqualTo(1.0).Within(1e-9));

    [TestCase(false, 1.0)]
    [TestCase(true, 0.4)]
    public void Should_discount_spot_capacity(bool spot, double expected) =>
        Assert.That(CostModel.SpotMultiplier(spot, 0.6), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void Should_bill_each_shot_in_whole_seconds_when_asked()
    {
        Assert.That(CostModel.BilledSeconds([2.5, 2.5, 3.0], 8, wholeSecondsPerShot: true), Is.EqualTo(9));
        Assert.That(CostModel.BilledSeconds([2.5, 2.5, 3.0], 8, wholeSecondsPerShot: false), Is.EqualTo(8));
        Assert.That(CostModel.BilledSeconds([], 7.3, wholeSecondsPerShot: true), Is.EqualTo(8));
    }

    [Test]
    public void Should_multiply_price_seconds_and_every_multiplier()
    {
        var p = new CostParameters(Complexity: 1.0, BilledSeconds: 10, "int8", "H100", BatchSize: 2, GpuCount: 2, "tensorrt", UseSpot: true);

        var expected = 0.40 * 10 * 1.2 * 0.7 * 0.85 * (1 / 1.15) * (2 / 1.9) * 0.75 * 0.4;
        Assert.That((double)CostModel.Cost(0.40m, p), Is.EqualTo(expected).Within(0.0001));
    }

    [Test]
    public void Should_name_every_multiplier_in_the_factors()
    {
        var factors = CostModel.Factors(new CostParameters(0.5, 10, "fp16", "A100", 1, 1, "pytorch", false));

        Assert.That(factors.Keys, Is.SupersetOf(new[]
        {
            "complexity", "complexityMultiplier", "billedSeconds", "quantizationMultiplier", "gpuTierMultiplier", "batchSize",
            "batchMultiplier", "gpuCount", "multiGpuSpeedUp", "multiGpuMultiplier", "frameworkMultiplier", "spotMultiplier", "totalMultiplier",
        }));
        Assert.That(factors["totalMultiplier"], Is.EqualTo(1.0));
    }
}
