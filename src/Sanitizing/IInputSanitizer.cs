using AiProd.Contracts;

namespace AiProd.Sanitizing;

/// <summary>Checks and cleans a request. Pure: the gateway uses it for its 400s, the pipeline for its first state.</summary>
public interface IInputSanitizer
{
    SanitizeResult Sanitize(VideoRequest request);
}

/// <summary>Either an accepted, cleaned request or every rule it broke.</summary>
public sealed record SanitizeResult(SanitizedRequest? Accepted, IReadOnlyList<InputViolation> Violations)
{
    public bool IsAccepted => Accepted is not null;
}
