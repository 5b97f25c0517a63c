using System.Globalization;
using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Sanitizing;

/// <summary>
/// Cleans the prompt and checks every field, reporting all broken rules at once so a caller can fix them in one go.
/// Pure: the same request always gives the same result.
/// </summary>
public sealed partial class InputSanitizer(IOptions<SanitizerOptions> options) : IInputSanitizer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly SanitizerOptions _options = options.Value;

    public SanitizeResult Sanitize(VideoRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var violations = new List<InputViolation>();
        var warnings = new List<string>();

        var (prompt, toxicity) = CheckPrompt(request.Prompt, violations, warnings);
        var duration = CheckDuration(request.DurationSeconds, violations, warnings);
        var aspect = CheckChoice("aspectRatio", "unsupported_aspect_ratio", "aspect ratio", request.AspectRatio, FrameSize.AspectRatios, violations);
        var resolution = CheckChoice("resolution", "unsupported_resolution", "resolution", request.Resolution?.ToLowerInvariant(), FrameSize.Resolutions, violations);
        CheckBudget(request.BudgetUsd, violations);
        CheckFrameRate(request.FrameRate, violations);
        ApprovalPolicyCheck.Check(request.Approval, violations);
        CheckNarration(request, violations);
        var formats = CheckFormats(request.Formats, aspect, violations);

        if (violations.Count > 0)
            return new SanitizeResult(null, violations);

        var cleaned = request with { Prompt = prompt, DurationSeconds = duration, AspectRatio = aspect!, Resolution = resolution!, Formats = formats };
        return new SanitizeResult(new SanitizedRequest(cleaned, toxicity, warnings), []);
    }

    private (string Prompt, double Toxicity) CheckPrompt(string? raw, List<InputViolation> violations, List<string> warnings)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            violations.Add(new("prompt", "prompt_required", $"prompt is required: describe the video in {_options.MinPromptLength}–{_options.MaxPromptLength} characters."));
            return ("", 0);
        }

        var cleaned = MarkupStripper.Clean(raw);
        if (cleaned.InvisibleRemoved > 0)
            warnings.Add($"prompt: removed {cleaned.InvisibleRemoved} invisible character(s) (control, zero-width, bidi or tag).");
        if (cleaned.Folded)
            warnings.Add("prompt: look-alike characters (fullwidth, styled or circled letters, ligatures, special spaces) were written plainly (Unicode NFKC).");
        if (cleaned.MarkupRemoved)
            warnings.Add("prompt: markup removed (HTML/XML tags and entities, script/style blocks, markdown links and images); only the text was kept.");

        var length = cleaned.Text.Length;
        if (length < _options.MinPromptLength)
            violations.Add(new("prompt", "prompt_too_short", $"prompt has {length} character(s) after removing markup and extra whitespace; at least {_options.MinPromptLength} are required (allowed {_options.MinPromptLength}–{_options.MaxPromptLength})."));
        else if (length > _options.MaxPromptLength)
            violations.Add(new("prompt", "prompt_too_long", $"prompt has {length} characters after removing markup and extra whitespace; at most {_options.MaxPromptLength} are allowed (allowed {_options.MinPromptLength}–{_options.MaxPromptLength})."));

        // Detectors read the skeleton copies (look-alikes, leetspeak and spelled-out words undone); the raw text
        // (minus invisibles) is read too, since markup stripping would otherwise hide "<script" and friends.
        var detection = DetectionText.Of(cleaned.Text);
        var visibleRaw = MarkupStripper.RemoveInvisible(raw, out _);
        var rawCopies = string.Equals(visibleRaw, cleaned.Text, StringComparison.Ordinal) ? [] : DetectionText.Of(visibleRaw).Copies;
        foreach (var pattern in InjectionDetector.Find([visibleRaw, cleaned.Text, .. detection.Copies, .. rawCopies]))
            violations.Add(new("prompt", "injection_detected", $"prompt contains the injection pattern \"{pattern}\"; describe only what the video shows, without instructions to the system or template/script syntax."));

        var toxicity = ToxicityHeuristic.Score(detection);
        var found = string.Join(", ", toxicity.Terms.Take(5));
        var categories = string.Join(", ", toxicity.Categories);
        if (toxicity.Score >= _options.ToxicityThreshold)
            violations.Add(new("prompt", "toxic_content", $"prompt scores {toxicity.Score.ToString("0.00", Inv)} on the toxicity check ({categories}), at or above the limit of {_options.ToxicityThreshold.ToString("0.00", Inv)}; terms: {found}. Rephrase without them."));
        else if (toxicity.Score > 0)
            warnings.Add($"prompt: toxicity score {toxicity.Score.ToString("0.00", Inv)} ({categories}) is below the limit of {_options.ToxicityThreshold.ToString("0.00", Inv)}; terms: {found}.");

        return (cleaned.Text, toxicity.Score);
    }

    private double CheckDuration(double duration, List<InputViolation> violations, List<string> warnings)
    {
        if (!double.IsFinite(duration) || duration < _options.MinDurationSeconds || duration > _options.MaxDurationSeconds)
        {
            violations.Add(new("durationSeconds", "duration_out_of_range", $"durationSeconds is {duration.ToString("0.###", Inv)}; allowed {_options.MinDurationSeconds.ToString(Inv)}–{_options.MaxDurationSeconds.ToString(Inv)} seconds."));
            return duration;
        }

        // Every later stage plans in hundredths of a second; rounding here keeps their sums equal to the request.
        var rounded = Math.Round(duration, 2, MidpointRounding.AwayFromZero);
        if (rounded != duration)
            warnings.Add($"durationSeconds: {duration.ToString(Inv)} rounded to {rounded.ToString("0.00", Inv)} (plans use hundredths of a second).");
        return rounded;
    }

    private static string? CheckChoice(string field, string code, string what, string? value, IReadOnlyList<string> allowed, List<InputViolation> violations)
    {
        var trimmed = value?.Trim();
        var match = allowed.FirstOrDefault(a => string.Equals(a, trimmed, StringComparison.Ordinal));
        if (match is null)
            violations.Add(new(field, code, $"{field} {(string.IsNullOrEmpty(trimmed) ? "is missing" : $"'{trimmed}' is not a supported {what}")}; allowed: {string.Join(", ", allowed)}."));
        return match;
    }

    private void CheckBudget(decimal budget, List<InputViolation> violations)
    {
        if (budget < _options.MinBudgetUsd || budget > _options.MaxBudgetUsd)
            violations.Add(new("budgetUsd", "budget_out_of_range", $"budgetUsd is ${budget.ToString("0.00##", Inv)}; allowed ${_options.MinBudgetUsd.ToString("0.00", Inv)}–${_options.MaxBudgetUsd.ToString("0.00", Inv)}."));
    }

    private void CheckFrameRate(int frameRate, List<InputViolation> violations)
    {
        var allowed = _options.AllowedFrameRates;
        if (!allowed.Contains(frameRate))
            violations.Add(new("frameRate", "unsupported_frame_rate", $"frameRate {frameRate} is not supported; allowed: {string.Join(", ", allowed)} frames per second."));
    }

    private static void CheckNarration(VideoRequest request, List<InputViolation> violations)
    {
        if (request.Language is null || !Tag().IsMatch(request.Language))
            violations.Add(new("language", "unsupported_language", "language must be a BCP-47 tag such as en, en-US or fr-FR."));
        if (request.Voice is { } voice && !VoiceName().IsMatch(voice))
            violations.Add(new("voice", "invalid_voice", "voice must be 1–64 letters, digits, '-', '_', '+' or '.', such as en-US-Neural2-C or en-us+f3."));
        if (!double.IsFinite(request.SpeechRate) || request.SpeechRate < 0.5 || request.SpeechRate > 2.0)
            violations.Add(new("speechRate", "speech_rate_out_of_range", $"speechRate is {request.SpeechRate.ToString("0.##", Inv)}; allowed 0.5–2.0 (1.0 is normal speed)."));
        if (request.BurnSubtitles && !request.Narration)
            violations.Add(new("burnSubtitles", "subtitles_without_narration", "burnSubtitles needs narration: the subtitles are the narration's lines."));
    }

    /// <summary>Each format a known ratio, given once, and the master's ratio among them (the plan is rendered in it).</summary>
    private static IReadOnlyList<string> CheckFormats(IReadOnlyList<string>? formats, string? aspect, List<InputViolation> violations)
    {
        if (formats is null || formats.Count == 0)
            return [];
        var allowed = string.Join(", ", FrameSize.AspectRatios);
        var cleaned = new List<string>(formats.Count);
        foreach (var raw in formats)
        {
            var format = raw?.Trim() ?? "";
            if (!FrameSize.AspectRatios.Contains(format, StringComparer.Ordinal))
                violations.Add(new("formats", "unsupported_format", $"formats: '{(format.Length > 16 ? format[..16] + "…" : format)}' is not a supported aspect ratio; allowed: {allowed}."));
            else if (cleaned.Contains(format, StringComparer.Ordinal))
                violations.Add(new("formats", "duplicate_format", $"formats: '{format}' is given more than once; list each aspect ratio once."));
            else
                cleaned.Add(format);
        }

        if (aspect is not null && cleaned.Count == formats.Count && !cleaned.Contains(aspect, StringComparer.Ordinal))
            violations.Add(new("formats", "master_not_in_formats", $"formats must include aspectRatio '{aspect}' (the plan is rendered in it and the others are reframed from it), or leave aspectRatio out."));
        return cleaned;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$", System.Text.RegularExpressions.RegexOptions.None, 1000)]
    private static partial System.Text.RegularExpressions.Regex Tag();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_+.\-]{0,63}$", System.Text.RegularExpressions.RegexOptions.None, 1000)]
    private static partial System.Text.RegularExpressions.Regex VoiceName();
}
