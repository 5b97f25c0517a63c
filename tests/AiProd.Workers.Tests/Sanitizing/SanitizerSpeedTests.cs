using System.Diagnostics;
using System.Globalization;
using AiProd.Contracts;

namespace AiProd.Workers.Tests.Sanitizing;

public class When_a_long_prompt_is_sanitized
{
    private static readonly string Benign = string.Concat(Enumerable.Repeat("A golden retriever walks along a misty beach at dawn, the waves roll in, a lighthouse blinks. ", 22))[..2000];

    [Test]
    public void Should_take_well_under_a_millisecond()
    {
        var request = new VideoRequest(Benign);
        for (var i = 0; i < 1500; i++)
            Planning.Sanitizer.Sanitize(request);

        // Processor time rather than wall time: the machine may be shared, and a descheduled thread is not slow code.
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        const int runs = 500;
        for (var i = 0; i < runs; i++)
            Planning.Sanitizer.Sanitize(request);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - before).TotalMilliseconds / runs;

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2,000-character prompt: {cpu:0.000} ms of processor time, {wall.Elapsed.TotalMilliseconds / runs:0.000} ms wall per sanitize"));
        Assert.That(cpu, Is.LessThan(1.0));
    }
}
