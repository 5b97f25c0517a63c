namespace AiProd.Providers.Http;

/// <summary>
/// A hosted provider said no, or its answer could not be used. <see cref="Code"/> is stable ("content_refused",
/// "rate_limited", "invalid_request", "unauthorized", "provider_error", "malformed_response", "output_expired", ...);
/// <see cref="Retryable"/> says whether another attempt (or the next backend) can help. Content-safety refusals are never retryable.
/// </summary>
public sealed class ProviderException(string provider, string code, string message, bool retryable, int? statusCode = null, Exception? inner = null)
    : Exception($"{provider}: {message}", inner)
{
    public string Provider { get; } = provider;

    public string Code { get; } = code;

    public bool Retryable { get; } = retryable;

    /// <summary>The HTTP status the provider answered with, when there was one.</summary>
    public int? StatusCode { get; } = statusCode;
}
