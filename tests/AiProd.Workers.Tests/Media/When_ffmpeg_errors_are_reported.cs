using AiProd.Media;

namespace AiProd.Workers.Tests.Media;

public sealed class When_ffmpeg_errors_are_reported
{
    [Test]
    public void Should_name_files_without_the_server_folders_they_live_in()
    {
        var result = new ToolResult(1, "", "frame=  10\n/srv/aiprod/data/assets/3f2a/work/ab12.mp4: No space left on device\nError writing trailer of /tmp/x/y.mp4: No space left on device\n");

        var tail = result.ErrorTail();

        Assert.Multiple(() =>
        {
            Assert.That(tail, Does.Contain("ab12.mp4: No space left on device"));
            Assert.That(tail, Does.Contain("trailer of y.mp4"));
            Assert.That(tail, Does.Not.Contain("/srv").And.Not.Contain("/tmp"));
        });
    }

    [Test]
    public void Should_keep_ratios_and_options_that_only_look_like_paths()
    {
        var tail = new ToolResult(1, "", "Invalid frame size 16:9 for -vf scale=1280/2:-2").ErrorTail();

        Assert.That(tail, Is.EqualTo("Invalid frame size 16:9 for -vf scale=1280/2:-2"));
    }
}
