using System.Text.RegularExpressions;

namespace AiProd.Deploy.Tests.Support;

/// <summary>One deployable's Dockerfile (src/**/Dockerfile), read the way scripts/publish-all.sh reads it.</summary>
public sealed partial record Dockerfile(string Path, string Image, string Project, string Entrypoint, bool InstallsFfmpeg, int HttpPort)
{
    public static IReadOnlyList<Dockerfile> All { get; } = [.. Directory.EnumerateFiles(System.IO.Path.Combine(AiProd.Testing.RepoPaths.Root, "src"), "Dockerfile", SearchOption.AllDirectories)
        .Where(p => !p.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal).Select(Read)];

    public static Dockerfile Of(string image) =>
        All.SingleOrDefault(d => d.Image == image) ?? throw new AssertionException($"no Dockerfile builds image {image}");

    private static Dockerfile Read(string path)
    {
        var text = File.ReadAllText(path);
        string Match(Regex regex, string what) =>
            regex.Match(text) is { Success: true } m ? m.Groups[1].Value : throw new AssertionException($"{path}: no {what}");
        return new Dockerfile(
            path,
            Match(ImagePattern(), "'docker build -f … -t <image>' comment"),
            Match(PublishPattern(), "dotnet publish line"),
            Match(EntrypointPattern(), "ENTRYPOINT [\"./<app>\"]"),
            FfmpegPattern().IsMatch(text),
            int.Parse(Match(PortPattern(), "ASPNETCORE_HTTP_PORTS"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"docker build -f \S+ -t (\S+)")]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"dotnet publish (\S+)")]
    private static partial Regex PublishPattern();

    [GeneratedRegex(@"^ENTRYPOINT \[""\./([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex EntrypointPattern();

    [GeneratedRegex(@"apt-get install[^\n]*\bffmpeg\b")]
    private static partial Regex FfmpegPattern();

    [GeneratedRegex(@"ASPNETCORE_HTTP_PORTS=(\d+)")]
    private static partial Regex PortPattern();
}
