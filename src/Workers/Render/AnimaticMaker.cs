using System.Globalization;
using System.Text;
using AiProd.Contracts;
using AiProd.Media;
using Microsoft.Extensions.Options;
using static AiProd.Media.FilterEscaping;

namespace AiProd.Workers.Render;

/// <summary>
/// The storyboard's animatic: one title card per shot (its number, framing, movement and description on the shot's
/// primary colour), each as long as the shot, at <see cref="Width"/> px and <see cref="FrameRate"/> fps, in one ffmpeg
/// run. Local and nearly free: no backend is asked, nothing is billed.
/// </summary>
public sealed class AnimaticMaker(MediaTool tool, IOptions<RenderOptions> options)
{
    public const int Width = 320;
    public const int FrameRate = 6;

    /// <summary>Writes the animatic of <paramref name="shots"/> to <paramref name="outputFile"/> (MP4, H.264, no audio).</summary>
    public async Task MakeAsync(IReadOnlyList<Shot> shots, string outputFile, CancellationToken cancellationToken)
    {
        if (shots.Count == 0)
            throw new ArgumentException("An animatic needs at least one shot.", nameof(shots));
        var folder = Path.GetDirectoryName(Path.GetFullPath(outputFile))!;
        var first = shots[0].Spec;
        // The plan's frame, scaled to the animatic's width, even.
        var height = Math.Max(2, (int)Math.Round(Width * (double)first.Height / Math.Max(1, first.Width) / 2) * 2);
        var graph = new StringBuilder();
        var files = new List<string>();
        try
        {
            for (var i = 0; i < shots.Count; i++)
            {
                var shot = shots[i];
                var card = Path.Combine(folder, $"card-{i}.txt");
                await File.WriteAllTextAsync(card, CardText(shot, i, shots.Count), cancellationToken);
                files.Add(card);
                // Whole frames, rounded: the cards add up to the plan's length within a frame per shot.
                var frames = Math.Max(1, (int)Math.Round(shot.DurationSeconds * FrameRate));
                graph.Append(CultureInfo.InvariantCulture,
                    $"color=c={Colour(shot.Spec.PrimaryColor)}:s={Width}x{height}:r={FrameRate}:d={Num(frames / (double)FrameRate)},")
                    .Append(CultureInfo.InvariantCulture,
                        $"drawtext=fontfile={OptionValue(options.Value.FontFile)}:textfile={OptionValue(card)}:expansion=none:fontsize=14:fontcolor=white")
                    .Append(CultureInfo.InvariantCulture, $":line_spacing=4:box=1:boxcolor=black@0.5:boxborderw=6:x=12:y=12,setsar=1[s{i}];\n");
            }

            for (var i = 0; i < shots.Count; i++)
                graph.Append(CultureInfo.InvariantCulture, $"[s{i}]");
            graph.Append(CultureInfo.InvariantCulture, $"concat=n={shots.Count}:v=1:a=0,format=yuv420p[v]");
            var script = Path.Combine(folder, "animatic.graph.txt");
            await File.WriteAllTextAsync(script, graph.ToString(), cancellationToken);
            files.Add(script);

            var result = await tool.FfmpegCommandLineAsync(
                $"-y -filter_complex_script {FfmpegEncoder.Quote(script)} -map [v] -r {FrameRate} -c:v libx264 -preset ultrafast -crf 30 -pix_fmt yuv420p -an {FfmpegEncoder.Quote(outputFile)}",
                VideoStages.AwaitingApproval, cancellationToken);
            if (!result.Succeeded)
                throw new InvalidOperationException($"ffmpeg failed while it made the animatic: {result.ErrorTail()}");
        }
        finally
        {
            foreach (var file in files)
                ScratchFile.TryDelete(file);
        }
    }

    /// <summary>What a card says: "Shot 2/5 · wide, pan left", then the description wrapped to the card.</summary>
    internal static string CardText(Shot shot, int index, int count)
    {
        var heading = string.Create(CultureInfo.InvariantCulture, $"Shot {index + 1}/{count} · {shot.Framing}, {shot.Movement} · {shot.DurationSeconds:0.#} s");
        var description = ShotGraph.WrapCaption(shot.Description, Width, Width);
        return $"{Clean(heading)}\n{description}";
    }

    private static string Clean(string text) => new([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);

    private static string Colour(string hex) =>
        hex.Length == 7 && hex[0] == '#' && hex.Skip(1).All(Uri.IsHexDigit) ? "0x" + hex[1..] : "0x333333";
}
