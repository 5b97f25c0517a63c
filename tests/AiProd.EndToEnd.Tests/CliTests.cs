namespace AiProd.EndToEnd.Tests;

[Category("EndToEnd")]
public class When_a_user_runs_aiprod_generate
{
    private string _dir = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("aiprod-cli-").FullName;

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Should_write_a_checked_mp4_and_report_the_verdict()
    {
        var output = Path.Combine(_dir, "lighthouse.mp4");
        var run = await CliRunner.RunAsync("generate", "A lighthouse at dusk, waves crashing on the rocks", "--duration", "4",
            "--out", output, "--assets", Path.Combine(_dir, "assets"));

        Assert.That(run.ExitCode, Is.Zero, $"stdout:\n{run.Output}\nstderr:\n{run.Error}");
        var probe = await Probe.ReadAsync(output);
        Assert.Multiple(() =>
        {
            Assert.That(run.Output, Does.Contain("Render").And.Contain("QaTech").And.Contain("Complete"));
            Assert.That(run.Output, Does.Contain("Technical QA: passed").And.Contain("Semantic QA:").And.Contain(output));
            Assert.That(probe.Duration, Is.EqualTo(4.0).Within(0.2));
            Assert.That((probe.Width, probe.Height), Is.EqualTo((1280, 720)));
            Assert.That(probe.VideoCodec, Is.EqualTo("h264"));
            Assert.That(probe.PixelFormat, Is.EqualTo("yuv420p"));
            Assert.That(probe.AudioCodec, Is.EqualTo("aac"));
        });

        var qa = await CliRunner.RunAsync("qa", output);
        Assert.That(qa.ExitCode, Is.Zero, qa.Output + qa.Error);
        Assert.That(qa.Output, Does.Contain("PASSED"));
    }

    [Test]
    public async Task Should_make_a_vertical_video_at_the_requested_frame_rate()
    {
        var output = Path.Combine(_dir, "vertical.mp4");
        var run = await CliRunner.RunAsync("generate", "A hummingbird hovering over a red flower", "--duration", "3", "--aspect", "9:16", "--fps", "30",
            "--out", output, "--assets", Path.Combine(_dir, "assets"));

        Assert.That(run.ExitCode, Is.Zero, $"stdout:\n{run.Output}\nstderr:\n{run.Error}");
        var probe = await Probe.ReadAsync(output);
        Assert.That((probe.Width, probe.Height), Is.EqualTo((720, 1280)));
        Assert.That(probe.Duration, Is.EqualTo(3.0).Within(0.2));
    }

    [Test]
    public async Task Should_refuse_a_bad_request_naming_the_option_and_exit_2()
    {
        var run = await CliRunner.RunAsync("generate", "A lighthouse", "--duration", "600", "--aspect", "4:3", "--assets", Path.Combine(_dir, "assets"));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("--duration").And.Contain("--aspect"));
        });
    }
}

[Category("EndToEnd")]
public class When_a_user_runs_aiprod_qa_on_something_that_is_not_a_video
{
    [Test]
    public async Task Should_fail_with_a_reason()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "not a video");
        try
        {
            var run = await CliRunner.RunAsync("qa", file, "--json");
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(1));
                Assert.That(run.Output, Does.Contain("\"passed\": false"));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Should_exit_2_when_the_file_does_not_exist()
    {
        var run = await CliRunner.RunAsync("qa", "/nonexistent/video.mp4");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("No such file"));
    }
}
