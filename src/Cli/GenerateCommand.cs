using System.CommandLine;
using System.Threading.Channels;
using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Embedded;
using AiProd.Orchestration;
using AiProd.Saga;
using AiProd.SagaStore;
using AiProd.Sanitizing;
using AiProd.Workers.Common;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiProd.Cli;

/// <summary><c>aiprod generate "prompt"</c>: runs the whole pipeline embedded and writes the MP4.</summary>
public static class GenerateCommand
{
    private static readonly Dictionary<string, string> OptionOf = new()
    {
        ["prompt"] = "prompt",
        ["durationSeconds"] = "--duration",
        ["aspectRatio"] = "--aspect",
        ["resolution"] = "--resolution",
        ["budgetUsd"] = "--budget",
        ["frameRate"] = "--fps",
        ["language"] = "--language",
        ["voice"] = "--voice",
        ["speechRate"] = "--speech-rate",
        ["burnSubtitles"] = "--burn-subtitles",
        ["formats"] = "--formats",
    };

    public static Command Create()
    {
        var prompt = new Argument<string>("prompt") { Description = "What the video should show." };
        var duration = new Option<double>("--duration", "-d") { Description = "Length in seconds (2–60).", DefaultValueFactory = _ => 10 };
        var aspect = new Option<string?>("--aspect", "-a") { Description = "Aspect ratio the plan is rendered in: 16:9, 9:16 or 1:1 (default: the first of --formats, or 16:9)." };
        var formats = new Option<string?>("--formats") { Description = "Every aspect ratio to deliver, comma-separated, e.g. 16:9,9:16,1:1; each extra one is reframed from the rendered video and written beside it (name.9x16.mp4)." };
        var resolution = new Option<string>("--resolution", "-r") { Description = "720p or 1080p.", DefaultValueFactory = _ => "720p" };
        var budget = new Option<decimal>("--budget", "-b") { Description = "Most you will pay, in USD ($0.10–$100.00).", DefaultValueFactory = _ => 5.00m };
        var fps = new Option<int>("--fps") { Description = "Frame rate: 24, 30 or 60.", DefaultValueFactory = _ => 24 };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Where to write the MP4: a file, or an existing folder to write aiprod-<id>.mp4 in (default: ./aiprod-<id>.mp4)." };
        var assets = new Option<DirectoryInfo?>("--assets") { Description = "Folder for clips, the composed video and the manifest (default: Assets:Root, or ~/.cache/aiprod/assets)." };
        var timeout = new Option<int>("--timeout") { Description = "Give up after this many minutes.", DefaultValueFactory = _ => 30 };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show the pipeline's logs." };
        var noNarration = new Option<bool>("--no-narration") { Description = "No voice-over and no subtitles." };
        var language = new Option<string>("--language") { Description = "Narration language (BCP-47: en, en-US, fr-FR …).", DefaultValueFactory = _ => "en" };
        var voice = new Option<string?>("--voice") { Description = "Text-to-speech voice name (default: one for the language)." };
        var speechRate = new Option<double>("--speech-rate") { Description = "Speaking rate, 0.5–2.0.", DefaultValueFactory = _ => 1.0 };
        var burn = new Option<bool>("--burn-subtitles") { Description = "Also draw the subtitles into the picture." };

        var command = new Command("generate", "Generate a video from a prompt, embedded (no cloud account needed).")
        {
            prompt, duration, aspect, resolution, budget, fps, output, assets, timeout, verbose, noNarration, language, voice, speechRate, burn, formats,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var formatList = (parse.GetValue(formats) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var master = parse.GetValue(aspect) ?? formatList.FirstOrDefault() ?? "16:9";
            var request = new VideoRequest(parse.GetValue(prompt)!, parse.GetValue(duration), master, parse.GetValue(resolution)!, parse.GetValue(budget), parse.GetValue(fps))
            {
                Formats = formatList,
                Narration = !parse.GetValue(noNarration),
                Language = parse.GetValue(language)!,
                Voice = parse.GetValue(voice),
                SpeechRate = parse.GetValue(speechRate),
                BurnSubtitles = parse.GetValue(burn),
            };
            return RunAsync(request, parse.GetValue(output), parse.GetValue(assets), TimeSpan.FromMinutes(parse.GetValue(timeout)), parse.GetValue(verbose), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(VideoRequest request, FileInfo? output, DirectoryInfo? assets, TimeSpan timeout, bool verbose, CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<object>();
        using var host = BuildHost(events, assets, verbose);

        var check = host.Services.GetRequiredService<IInputSanitizer>().Sanitize(request);
        var id = NewId.NextGuid();
        var (target, outProblem) = OutputFile(output, id);
        if (!check.IsAccepted || outProblem is not null)
        {
            await Console.Error.WriteLineAsync("The request is invalid:");
            foreach (var v in check.Violations)
                await Console.Error.WriteLineAsync($"  {OptionOf.GetValueOrDefault(v.Field, v.Field)}: {v.Message} ({v.Code})");
            if (outProblem is not null)
                await Console.Error.WriteLineAsync($"  --out: {outProblem}");
            return ExitCodes.Usage;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        await host.StartAsync(deadline.Token);
        try
        {
            var started = DateTimeOffset.UtcNow;
            Console.WriteLine($"AiProd: {request.DurationSeconds:0.##} s {request.AspectRatio} {request.Resolution} at {request.FrameRate} fps, budget ${request.BudgetUsd:0.00} — video {id}");
            var saga = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(RoleEndpoints.SagaAddress);
            await saga.Send(new GenerateVideo(id, request, started), deadline.Token);

            var outcome = Remote.RemoteOptions.Interactive
                ? await LiveProgress.FollowAsync(events.Reader, id, host.Services.GetRequiredService<ISagaQueries<VideoState>>(), deadline.Token)
                : await ProgressPrinter.FollowAsync(events.Reader, id, deadline.Token);
            var status = await host.Services.GetRequiredService<VideoStatusReader>().FindAsync(id, deadline.Token);
            return outcome switch
            {
                VideoCompleted completed => await DeliverAsync(host.Services, completed, status!, target!, DateTimeOffset.UtcNow - started, deadline.Token),
                VideoFailed failed => ProgressPrinter.PrintFailure(failed.Error, status),
                _ => ExitCodes.Failed,
            };
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync(cancellationToken.IsCancellationRequested ? "Interrupted." : $"Timed out after {timeout.TotalMinutes:0} minute(s).");
            return ExitCodes.Interrupted;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Where the MP4 goes, checked before anything runs: <c>--out</c> as given (an existing file is replaced); an existing
    /// folder gets <c>aiprod-{id}.mp4</c> inside it, as <c>cp</c> does; nothing given, the same name in the current folder.
    /// A missing or unwritable folder is a problem with <c>--out</c> (exit 2), not a failure after the whole video is made.
    /// </summary>
    private static (string? Path, string? Problem) OutputFile(FileInfo? output, Guid id)
    {
        var name = $"aiprod-{id.ToString("N")[..8]}.mp4";
        if (output is null)
            return (Path.GetFullPath(name), null);
        var given = output.ToString();
        var target = Directory.Exists(output.FullName) ? Path.Combine(output.FullName, name) : output.FullName;
        var folder = Path.GetDirectoryName(target);
        if (folder is null || !Directory.Exists(folder))
            return (null, $"the folder of '{given}' does not exist; create it first or give another file.");
        if (Directory.Exists(target))
            return (null, $"'{given}' names a folder inside which a folder '{name}' already exists.");
        try
        {
            // Can this user create a file there? Probed, because permissions, read-only mounts and ACLs all answer differently.
            using (new FileStream(Path.Combine(folder, $".aiprod-{id:N}.probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot write in the folder of '{given}' ({(e is UnauthorizedAccessException ? "permission denied" : "the file system refused a new file")}).");
        }

        return (target, null);
    }

    private static async Task<int> DeliverAsync(IServiceProvider services, VideoCompleted completed, VideoStatus status, string target, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IAssetStore>();
        var source = await store.GetLocalFileAsync(completed.AssetUri, cancellationToken);
        try
        {
            File.Copy(source, target, overwrite: true);
            // The subtitles go beside the MP4 under its name: lighthouse.mp4, lighthouse.srt, lighthouse.vtt.
            foreach (var extension in new[] { NarrationAssets.SrtExtension, NarrationAssets.VttExtension })
            {
                try
                {
                    var subtitles = await store.GetLocalFileAsync(NarrationAssets.Sidecar(completed.AssetUri, extension), cancellationToken);
                    File.Copy(subtitles, Path.ChangeExtension(target, extension), overwrite: true);
                }
                catch (AssetNotFoundException)
                {
                    // Not narrated: no subtitles.
                }
            }

            // The reframed formats go beside it too: lighthouse.9x16.mp4, lighthouse.1x1.mp4.
            foreach (var format in DeliveryFormats.Extra(status.Request ?? new VideoRequest(string.Empty)))
            {
                var copy = await store.GetLocalFileAsync(DeliveryFormats.Variant(completed.AssetUri, format), cancellationToken);
                File.Copy(copy, DeliveryFormats.Variant(target, format), overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = StorageFailures.From(e, VideoStages.Finalize)?.Code switch
            {
                StorageFailures.Full => "no space is left on its disk",
                StorageFailures.Unwritable => "it is not writable",
                _ => "the file system refused it",
            };
            await Console.Error.WriteLineAsync($"The video was made, but it could not be written to --out: {reason}. It is kept in the assets folder as {completed.AssetUri}.");
            return ExitCodes.Failed;
        }

        if (Remote.RemoteOptions.Interactive)
            LiveProgress.PrintSummary(target, completed.ManifestUri, completed, status, elapsed);
        else
            ProgressPrinter.PrintSuccess(target, completed.ManifestUri, completed, status, elapsed);
        return ExitCodes.Ok;
    }

    private static IHost BuildHost(Channel<object> events, DirectoryInfo? assets, bool verbose)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        var root = assets?.FullName
            ?? builder.Configuration[$"{AssetOptions.Section}:Root"]
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "aiprod", "assets");
        builder.Configuration[$"{AssetOptions.Section}:Root"] = root;
        // The video history sits beside the assets; the CLI follows its own video only, so it resumes no others at start.
        builder.Configuration[$"{SagaStoreOptions.Section}:ConnectionString"] ??= $"Data Source={Path.Combine(Path.GetDirectoryName(Path.GetFullPath(root))!, "aiprod.db")}";
        builder.Configuration[$"{PipelineOptions.Section}:{nameof(PipelineOptions.ResumeAllOnStart)}"] = "false";
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.AddSingleton(events);
        builder.AddServiceDefaults();
        builder.AddEmbeddedPipeline();
        // This process's own follower: on a shared bus (Pub/Sub) it must not compete with other CLIs for the events.
        builder.ConfigureBus(bus => bus.AddConsumer<ProgressConsumer>()
            .Endpoint(e =>
            {
                e.Temporary = true;
                e.InstanceId = Guid.NewGuid().ToString("N")[..12];
            }));
        builder.AddAiProdBus();
        return builder.Build();
    }
}
