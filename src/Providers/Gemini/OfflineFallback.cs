using AiProd.Workers.Common;

namespace AiProd.Providers.Gemini;

/// <summary>
/// Whether the offline implementation may take over from a failed Gemini call: only when
/// <see cref="GeminiOptions.FallbackToOffline"/> says so, and never after a content-safety refusal, which is final
/// (an offline plan for a refused prompt would route around the refusal).
/// </summary>
public static class OfflineFallback
{
    public static bool Applies(GeminiOptions options, StepException failure) =>
        options.FallbackToOffline && failure.Code != "content_refused";
}
