using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;

namespace AiProd.Workers.Render.Narration;

/// <summary>
/// Offline narration with espeak-ng (Debian's package): robotic but intelligible, instant and free. The voice is the
/// request's voice, or the language's own (espeak-ng names voices by language: "en", "en-us", "fr").
/// </summary>
public sealed class EspeakTextToSpeech(MediaTool tool) : ITextToSpeech
{
    /// <summary>espeak-ng's normal speed, in words per minute; the request's rate scales it.</summary>
    private const int NormalWordsPerMinute = 165;

    public string Name => "espeak-ng";

    public async Task SynthesizeAsync(string text, VideoRequest request, string wavFile, CancellationToken cancellationToken)
    {
        var voice = request.Voice ?? request.Language.ToLowerInvariant();
        var wpm = (int)Math.Round(NormalWordsPerMinute * Math.Clamp(request.SpeechRate, 0.5, 2.0));
        // "--" ends the options, so a line can never be read as one.
        var result = await tool.EspeakAsync(
            ["-v", voice, "-s", wpm.ToString(CultureInfo.InvariantCulture), "-w", wavFile, "--", text], VideoStages.Render, cancellationToken);
        if (!result.Succeeded || !File.Exists(wavFile) || new FileInfo(wavFile).Length < 100)
            throw new StepException(
                VideoStages.Render, "tts_failed",
                $"espeak-ng could not speak the narration in voice '{voice}' ({result.ErrorTail(1)}); choose another voice or language.", retryable: false);
    }
}
