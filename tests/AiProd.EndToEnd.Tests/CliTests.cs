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
            // The narration's subtitles land beside the MP4 under its name.
            Assert.That(File.ReadAllText(Path.ChangeExtension(output, ".srt")), Does.StartWith("1\n00:00:00,250 --> "));
            Assert.That(File.ReadAllText(Path.ChangeExtension(output, ".vtt")), Does.StartWith("WEBVTT"));
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
    public async Task Should_write_into_an_existing_folder_given_as_out_like_cp()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "videos")).FullName;
        var run = await CliRunner.RunAsync("generate", "A paper boat on a rainy street", "--duration", "2", "--out", folder, "--assets", Path.Combine(_dir, "assets"));

        var written = Directory.GetFiles(folder, "aiprod-*.mp4");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, $"stdout:\n{run.Output}\nstderr:\n{run.Error}");
            Assert.That(written, Has.Length.EqualTo(1), "aiprod-<id>.mp4 inside the folder");
            Assert.That(run.Output, Does.Contain(written.Single()));
            Assert.That(run.Output, Does.Contain("Manifest:     local:"), "the manifest by its portable name, not a server path");
        });
    }

    [TestCase("/proc/aiprod-no-such-folder/video.mp4", "does not exist")]
    [TestCase("/proc/video.mp4", "cannot write")]
    public async Task Should_refuse_an_out_it_cannot_write_before_making_the_video(string output, string why)
    {
        var run = await CliRunner.RunAsync("generate", "A lighthouse at dusk", "--duration", "2", "--out", output, "--assets", Path.Combine(_dir, "assets"));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output + run.Error);
            Assert.That(run.Error, Does.Contain("--out").And.Contain(why));
            Assert.That(run.Output, Does.Not.Contain("Render"), "refused before the pipeline ran");
            Assert.That(run.Error, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace");
        });
    }

    [Test]
    public async Task Should_report_a_failed_final_write_without_a_stack_trace()
    {
        // /dev/full takes the file and fails every write with ENOSPC (or, for a user who may not create files in /dev,
        // is refused up front): either way a clean error naming --out.
        var run = await CliRunner.RunAsync("generate", "A lighthouse at dusk", "--duration", "2", "--out", "/dev/full", "--assets", Path.Combine(_dir, "assets"));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.AnyOf(1, 2), run.Output + run.Error);
            Assert.That(run.Error, Does.Contain("--out"));
            Assert.That(run.Error, Does.Not.Contain("   at ").And.Not.Contain("Unhandled"), "no stack trace");
            Assert.That(run.Error + run.Output, Does.Not.Contain(Path.Combine(_dir, "assets")), "no server path but --out");
        });
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
