using System.Globalization;
using AiProd.Contracts;

namespace AiProd.Workers.Qa;

/// <summary>A shot boundary of the plan: where it is and whether the plan asks for a hard cut there.</summary>
internal sealed record PlannedBoundary(double AtSeconds, bool HardCut, double OverlapSeconds);

/// <summary>
/// Turns measured signals into the three scores, the overall score and the director's feedback. Pure: every
/// threshold is here, in one place, and each score's basis quotes the numbers it came from.
/// </summary>
internal static class SemanticScoring
{
    public const string Evaluator = "offline-signals";

    /// <summary>The most a verdict that did not look at content may claim: it measured craft, nothing more.</summary>
    public const double CraftOnlyCap = 8.0;

    /// <summary>What the offline evaluator never judges.</summary>
    public static readonly IReadOnlyList<string> NotAssessed = ["content", "prompt_adherence"];

    public static SemanticQaReport Score(SignalSeries s, IReadOnlyList<PlannedBoundary> plan, double threshold, PlanAdherence? adherence = null)
    {
        var feedback = new List<string>();
        void Advise(string tag, string sentence)
        {
            if (!feedback.Any(f => f.StartsWith(tag + ":", StringComparison.Ordinal)))
                feedback.Add($"{tag}: {sentence}");
        }

        // Visual quality: exposure, contrast, flicker, sharpness.
        var luma = Mean(s.LumaMean);
        var spread = Mean(s.LumaSpread);
        var (reversal, lumaStrobe) = Flicker(s.LumaMean);
        // A flashing picture can keep its mean luma (an inverted frame averages the same), so huge per-pixel
        // changes away from any shot boundary count as strobing too.
        var strobe = Math.Max(lumaStrobe, Violent(s, plan));
        var blur = s.Blur.Count > 0 ? Median(s.Blur) : double.NaN;
        var exposure = luma < 60 ? Clamp10((luma - 16) / 44 * 10) : luma > 190 ? Clamp10((235 - luma) / 45 * 10) : 10;
        var contrast = Clamp10(spread / 40 * 10);
        var steadiness = Clamp10(10 - strobe * 40 - reversal * 1.5);
        // blurdetect measures the width of edges; a picture with no edges at all (a smooth gradient) has none to
        // measure and would look sharp, so detail (median spatial information) bounds sharpness too.
        var detailSi = s.SpatialInfo.Count > 0 ? Median(s.SpatialInfo) : 0;
        var detail = Clamp10((detailSi - 4) / 16 * 10);
        var sharpness = Math.Min(detail, double.IsNaN(blur) ? detail : Clamp10(10 - Math.Max(0, blur - 7) * 0.8));
        var visual = 0.3 * exposure + 0.2 * contrast + 0.3 * steadiness + 0.2 * sharpness;
        if (luma < 60) Advise("brighter", $"the picture averages luma {luma:F0}/255; lift exposure towards 100–150.");
        if (luma > 190) Advise("darker", $"the picture averages luma {luma:F0}/255 and looks washed out; bring it down towards 100–150.");
        if (spread < 25) Advise("more-contrast", $"the middle 80 % of luma spans only {spread:F0} levels; separate subject and background.");
        if (steadiness < 7) Advise("steadier", $"{strobe:P0} of frames flash or change violently (luma reversals {reversal:F1}/frame); avoid strobing light and flashing patterns.");
        if (sharpness < 6) Advise("sharper", string.Create(CultureInfo.InvariantCulture,
            $"median blur is {(double.IsNaN(blur) ? "n/a" : blur.ToString("F1", CultureInfo.InvariantCulture))} (sharp footage measures below 7) and detail SI {detailSi:F1} (below 20 is soft); use crisper detail."));

        // Motion and consistency, measured on the luma difference between consecutive frames.
        var motion = Median(s.LumaDiff.Skip(1).ToList());
        var staticShare = s.LumaDiff.Count > 1 ? s.LumaDiff.Skip(1).Count(d => d < 0.1) / (double)(s.LumaDiff.Count - 1) : 1;
        var ssim = Median(s.AdjacentSsim);
        var motionScore = motion < 1 ? Clamp10(motion * 10) : motion > 15 ? Clamp10(10 - (motion - 15) * 0.4) : 10;
        var consistency = ssim >= 0.999 ? 3 : ssim >= 0.85 ? 10 : Clamp10((ssim - 0.5) / 0.35 * 10);
        var spikes = Spikes(s, plan, motion);
        var smoothness = Clamp10(10 - spikes * 20);
        var technical = 0.4 * motionScore + 0.35 * consistency + 0.25 * smoothness;
        if (motion < 1 || staticShare > 0.4) Advise("more-motion", $"{staticShare:P0} of frames do not change (median frame difference {motion:F2}); keep the camera or subject moving.");
        if (motion > 20) Advise("less-motion", $"the median frame difference is {motion:F1}, too busy to follow; slow the movement down.");
        if (smoothness < 7) Advise("steadier", $"{spikes:P0} of frames jump inside shots; smooth the movement.");

        // Narrative: the cuts the plan asked for, no others, and a picture that actually moves on.
        var (missing, unexpected, expected) = CompareCuts(s, plan, motion);
        var cutScore = Clamp10(10 - 2.5 * missing - 2 * unexpected);
        var presence = Clamp10((1 - staticShare) * 10);
        var narrative = adherence is null ? 0.5 * cutScore + 0.5 * presence : 0.35 * cutScore + 0.35 * presence + 0.3 * adherence.Score;
        if (unexpected >= 2) Advise("fewer-cuts", $"{unexpected} cuts appear inside shots where the plan has none; hold each shot.");
        if (adherence is { Score: < 5 }) Advise(AiProd.Workers.Common.FeedbackTags.FollowThePrompt, $"the plan's captions and scenes share few words with the prompt ({adherence.Basis}); keep to what the prompt asks for.");

        var overall = 0.3 * visual + 0.3 * narrative + 0.4 * technical;
        // Some failures must fail outright whatever the averages say.
        var cap = staticShare > 0.4 || luma < 30 || strobe > 0.1 ? 6.0 : 10.0;
        var capNote = cap < 10
            ? $"; capped at {cap:F0} because {(staticShare > 0.4 ? $"{staticShare:P0} of frames are static" : luma < 30 ? $"mean luma is {luma:F0}" : $"{strobe:P0} of frames strobe")}"
            : "";
        overall = Math.Min(overall, cap);
        // Without a look at content a verdict cannot be excellent: above 7 the craft score is compressed so that
        // perfect craft reads CraftOnlyCap. Monotone, so the ranking and the pass/fail at 7 stay what craft says.
        if (overall > 7)
        {
            capNote += string.Create(CultureInfo.InvariantCulture, $"; {overall:F1} above 7 compressed to at most {CraftOnlyCap:F0}, since content was not judged");
            overall = 7 + (overall - 7) * (CraftOnlyCap - 7) / 3;
        }

        var inv = CultureInfo.InvariantCulture;
        return new SemanticQaReport(
            new QaScore(Round(visual), string.Create(inv,
                $"exposure {exposure:F1} (mean luma {luma:F1}), contrast {contrast:F1} (luma spread {spread:F1}), steadiness {steadiness:F1} (luma reversals {reversal:F2}/frame, flashing frames {strobe:P1}), sharpness {sharpness:F1} (median blur {(double.IsNaN(blur) ? "n/a" : blur.ToString("F2", inv))}, median SI {detailSi:F1}{(s.DetailEvery > 1 ? $", sampling 1 frame in {s.DetailEvery.ToString(inv)}" : "")}) over {s.Frames} frames")),
            new QaScore(Round(narrative), string.Create(inv,
                $"cuts {cutScore:F1} ({s.Cuts.Count} detected, {expected} planned hard cuts, {missing} missing, {unexpected} unexpected), presence {presence:F1} ({staticShare:P0} static frames){(adherence is null ? "" : $", plan adherence {adherence.Score:F1} ({adherence.Basis})")}")),
            new QaScore(Round(technical), string.Create(inv,
                $"motion {motionScore:F1} (median YDIF {motion:F2}{(s.TemporalInfo.Count > 0 ? $", mean TI {Mean(s.TemporalInfo).ToString("F1", inv)}" : "")}), consistency {consistency:F1} (median adjacent SSIM {ssim:F3}), smoothness {smoothness:F1} ({spikes:P1} in-shot jumps)")),
            new QaScore(Round(overall), string.Create(inv,
                $"craft only, content and prompt adherence were not assessed (no model looked at the picture): 0.3 x visual {visual:F1} + 0.3 x narrative {narrative:F1} + 0.4 x technical {technical:F1}{capNote}")),
            threshold,
            Round(overall) >= threshold,
            feedback,
            Evaluator)
        { NotAssessed = NotAssessed };
    }

    /// <summary>Unreadable input: everything zero, with the reason as the basis.</summary>
    public static SemanticQaReport Unreadable(string reason, double threshold)
    {
        var zero = new QaScore(0, reason);
        return new SemanticQaReport(zero, zero, zero, zero, threshold, false, [], Evaluator) { NotAssessed = NotAssessed };
    }

    /// <summary>Mean size of brightness reversals (up then down, or down then up) per frame, and the share of frames where both steps exceed 4 levels.</summary>
    private static (double Reversal, double Strobe) Flicker(List<double> luma)
    {
        if (luma.Count < 3)
            return (0, 0);
        double sum = 0;
        var strobing = 0;
        for (var i = 2; i < luma.Count; i++)
        {
            double a = luma[i - 1] - luma[i - 2], b = luma[i] - luma[i - 1];
            if (a * b >= 0)
                continue;
            var size = Math.Min(Math.Abs(a), Math.Abs(b));
            sum += size;
            if (size > 4)
                strobing++;
        }
        return (sum / (luma.Count - 2), strobing / (double)(luma.Count - 2));
    }

    /// <summary>Share of frames that differ from the previous one by more than 30 luma levels per pixel on average, away from shot boundaries.</summary>
    private static double Violent(SignalSeries s, IReadOnlyList<PlannedBoundary> plan)
    {
        var n = Math.Min(s.LumaDiff.Count, s.Time.Count);
        if (n < 2)
            return 0;
        var violent = 0;
        for (var i = 1; i < n; i++)
            if (s.LumaDiff[i] > 30 && !NearBoundary(s.Time[i], plan))
                violent++;
        return violent / (double)(n - 1);
    }

    private static bool NearBoundary(double t, IReadOnlyList<PlannedBoundary> plan) =>
        plan.Any(b => t >= b.AtSeconds - 0.25 && t <= b.AtSeconds + b.OverlapSeconds + 0.25);

    /// <summary>Share of frames whose difference from the previous one jumps far above the median, away from any shot boundary.</summary>
    private static double Spikes(SignalSeries s, IReadOnlyList<PlannedBoundary> plan, double median)
    {
        var n = Math.Min(s.LumaDiff.Count, s.Time.Count);
        if (n < 2)
            return 0;
        var limit = Math.Max(20, 4 * median);
        var spikes = 0;
        for (var i = 1; i < n; i++)
            if (s.LumaDiff[i] > limit && !NearBoundary(s.Time[i], plan))
                spikes++;
        return spikes / (double)(n - 1);
    }

    private static (int Missing, int Unexpected, int Expected) CompareCuts(SignalSeries s, IReadOnlyList<PlannedBoundary> plan, double medianMotion)
    {
        var hard = plan.Where(b => b.HardCut).ToList();
        // A planned cut is there when scdet saw it, or when the picture jumps at that frame well above its usual
        // motion: scdet's score stays low between two shots of similar colour, yet the cut is plain to see.
        var missing = hard.Count(b => !s.Cuts.Any(c => Math.Abs(c - b.AtSeconds) <= 0.25) && !JumpsAt(s, b.AtSeconds, medianMotion));
        // Fast transitions (wipes, slides, dips) may register as a cut; anything near a boundary is expected.
        var unexpected = s.Cuts.Count(c => !plan.Any(b => c >= b.AtSeconds - 0.25 && c <= b.AtSeconds + b.OverlapSeconds + 0.25));
        return (missing, unexpected, hard.Count);
    }

    /// <summary>Whether some frame within 0.1 s of <paramref name="at"/> differs from its predecessor far more than the median.</summary>
    private static bool JumpsAt(SignalSeries s, double at, double medianMotion)
    {
        var n = Math.Min(s.LumaDiff.Count, s.Time.Count);
        var limit = Math.Max(2.0, 3 * medianMotion);
        for (var i = 1; i < n; i++)
            if (Math.Abs(s.Time[i] - at) <= 0.1 && s.LumaDiff[i] >= limit)
                return true;
        return false;
    }

    private static double Mean(List<double> v) => v.Count == 0 ? 0 : v.Average();

    private static double Median(List<double> v)
    {
        if (v.Count == 0)
            return 0;
        var sorted = v.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Clamp10(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 10);

    private static double Round(double v) => Math.Round(v, 2);
}
