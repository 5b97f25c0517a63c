using AiProd.Workers.Render.Hosted;

namespace AiProd.Workers.Render.Hosted.Veo;

/// <summary>
/// Veo 3 through the Gemini API (section <c>Providers:Veo</c>). The key is <c>Providers:Veo:ApiKey</c>, or the
/// environment variable <c>GEMINI_API_KEY</c>; without either, the "veo3" backend is not registered.
/// </summary>
public sealed class VeoOptions : RenderProviderOptions
{
    public const string Section = "Providers:Veo";

    /// <summary>The vendor's usual environment variable for the key, read when <c>ApiKey</c> is not set.</summary>
    public const string VendorKeyVariable = "GEMINI_API_KEY";

    public VeoOptions()
    {
        BaseUrl = new Uri("https://generativelanguage.googleapis.com");
        Model = "veo-3.0-generate-001";
        PollInterval = TimeSpan.FromSeconds(10);
        // The file download answers with a redirect to Google's content host (unverified which; *.googleusercontent.com assumed).
        AllowedDownloadHosts = "generativelanguage.googleapis.com,*.googleusercontent.com";
    }

    /// <summary>Optional <c>personGeneration</c> ("allow_all", "allow_adult", "dont_allow"); omitted when empty (the API's default).</summary>
    public string? PersonGeneration { get; set; }

    /// <summary>Optional <c>negativePrompt</c> sent with every shot.</summary>
    public string? NegativePrompt { get; set; }
}
