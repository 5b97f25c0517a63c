namespace AiProd.Contracts;

/// <summary>
/// The request after the input sanitizer: markup stripped, whitespace normalised, values checked.
/// </summary>
/// <param name="Request">The cleaned request; its prompt is what every later stage reads.</param>
/// <param name="ToxicityScore">0 (clean) to 1 (certainly toxic), from the sanitizer's heuristic.</param>
/// <param name="Warnings">Non-blocking findings, for example "markup removed".</param>
public sealed record SanitizedRequest(VideoRequest Request, double ToxicityScore, IReadOnlyList<string> Warnings);
