using System.Diagnostics;
using AiProd.Media;

namespace AiProd.Workers.Tests.Media;

/// <summary>FFMpegCore hands ffmpeg one command-line string; prompts and paths must survive it unchanged.</summary>
public class When_arguments_are_quoted_for_ffmpeg
{
    [TestCase("plain")]
    [TestCase("a title with \"quotes\" and 'apostrophes'")]
    [TestCase(@"C:\odd\path\ending\")]
    [TestCase(@"back\\slashes before \"" a quote")]
    [TestCase("/tmp/a folder with spaces/graph.txt")]
    [TestCase("")]
    public async Task Should_reach_the_process_as_one_identical_argument(string value)
    {
        var psi = new ProcessStartInfo("printf", $"%s {FfmpegEncoder.Quote(value)}") { RedirectStandardOutput = true };
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(output, Is.EqualTo(value));
    }
}
