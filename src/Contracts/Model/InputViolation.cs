namespace AiProd.Contracts;

/// <summary>One reason the sanitizer rejected a request.</summary>
/// <param name="Field">The request field at fault ("prompt", "durationSeconds", ...).</param>
/// <param name="Code">Stable code, for example "prompt_too_long" or "injection_detected".</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record InputViolation(string Field, string Code, string Message);
