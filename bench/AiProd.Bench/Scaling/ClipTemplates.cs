using System.Globalization;
using AiProd.Contracts;
using AiProd.Workers.Render;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Bench.Scaling;

/// <summary>
/// The clip templates the fixed-time renderer cuts its shots from, made once per bench by the product's own local
/// renderer (so composed videos pass technical and semantic QA like real ones): a few looks at the videos' size and
/// frame rate, each as long as the longest shot can be, at a high CRF to keep them small.
/// </summary>
public static class ClipTemplates
{
    /// <summary>Looks in turn: neighbouring shots differ in pattern and colour, so the planned cuts are there to see.</summary>
    private static readonly (string Pattern, string Primary, string Secondary)[] Looks =
        [("waves", "#1d4e89", "#f4a259"), ("rings", "#7a1f3d", "#f2d0a4"), ("particles", "#2d6a4f", "#d8f3dc")];

    public static int Variants => Looks.Length;

    public static string FileName(int width, int height, int frameRate, int variant) =>
        string.Create(CultureInfo.InvariantCulture, $"template-{width}x{height}-{frameRate}fps-v{variant}.mp4");

    /// <summary>Renders every look, <paramref name="seconds"/> long, into <paramref name="folder"/>.</summary>
    public static async Task MakeAsync(string folder, int width, int height, int frameRate, double seconds, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{RenderOptions.Section}:{nameof(RenderOptions.ClipCrf)}"] = "30" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddRenderServices(configuration);
        await using var provider = services.BuildServiceProvider();
        var renderer = provider.GetRequiredService<LocalShotRenderer>();
        for (var v = 0; v < Looks.Length; v++)
        {
            var (pattern, primary, secondary) = Looks[v];
            var shot = new Shot(
                $"template-v{v}", 0, v, "bench clip template", "medium", "pan right", "cut", [], seconds,
                new ShotSpec(width, height, frameRate, primary, secondary, 0.75, 0.5, pattern, string.Empty));
            await renderer.RenderAsync(Guid.Empty, shot, Path.Combine(folder, FileName(width, height, frameRate, v)), cancellationToken);
        }
    }
}
