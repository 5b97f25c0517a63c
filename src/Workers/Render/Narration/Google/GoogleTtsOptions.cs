using System.ComponentModel.DataAnnotations;
using AiProd.Providers.Http;

namespace AiProd.Workers.Render.Narration.Google;

/// <summary>
/// Google Cloud Text-to-Speech (section <c>Providers:TextToSpeech</c>): narration through <c>POST v1/text:synthesize</c>
/// with an API key, instead of espeak-ng, when a key is configured. Retries, breaker, rate limit and timeouts are the
/// shared provider pipeline's (<see cref="ProviderHttpOptions"/>).
/// </summary>
public sealed class GoogleTtsOptions : ProviderHttpOptions
{
    public const string Section = "Providers:TextToSpeech";

    /// <summary>The environment variable read when the section has no key.</summary>
    public const string VendorKeyVariable = "GOOGLE_TTS_API_KEY";

    public GoogleTtsOptions()
    {
        BaseUrl = new Uri("https://texttospeech.googleapis.com");
        AttemptTimeout = TimeSpan.FromSeconds(30);
        TotalTimeout = TimeSpan.FromMinutes(2);
        RequestsPerMinute = 300;
    }

    /// <summary>Voice when the request names none; empty lets the service pick one for the language.</summary>
    public string DefaultVoice { get; set; } = "";

    /// <summary>Sample rate asked for (LINEAR16, WAV with header); the mix is 48 kHz.</summary>
    [Range(8000, 48000)]
    public int SampleRateHertz { get; set; } = 24000;
}
