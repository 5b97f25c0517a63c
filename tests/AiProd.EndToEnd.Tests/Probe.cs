using System.Diagnostics;
using System.Text.Json;

namespace AiProd.EndToEnd.Tests;

/// <summary>What ffprobe says about a file: the ground truth the end-to-end tests check against.</summary>
internal sealed record Probe(double Duration, int Width, int Height, string VideoCodec, string PixelFormat, string? AudioCodec)
{
    public static async Task<Probe> ReadAsync(string file)
    {
        var psi = new ProcessStartInfo("ffprobe", ["-v", "error", "-show_entries", "format=duration:stream=codec_type,codec_name,width,height,pix_fmt", "-of", "json", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var json = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"ffprobe could not read {file}: {await process.StandardError.ReadToEndAsync()}");

        using var doc = JsonDocument.Parse(json);
        var streams = doc.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.Single(s => s.GetProperty("codec_type").GetString() == "video");
        var audio = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "audio");
        return new Probe(
            double.Parse(doc.RootElement.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            video.GetProperty("width").GetInt32(),
            video.GetProperty("height").GetInt32(),
            video.GetProperty("codec_name").GetString()!,
            video.GetProperty("pix_fmt").GetString()!,
            audio.ValueKind == JsonValueKind.Undefined ? null : audio.GetProperty("codec_name").GetString());
    }
}
