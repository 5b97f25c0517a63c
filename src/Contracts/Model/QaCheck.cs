namespace AiProd.Contracts;

/// <summary>One technical QA check and its outcome.</summary>
/// <param name="Name">Check name, for example "duration".</param>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Expected">What was required.</param>
/// <param name="Actual">What was measured.</param>
public sealed record QaCheck(string Name, bool Passed, string Expected, string Actual);
