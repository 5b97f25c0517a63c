namespace AiProd.Cli.Remote;

/// <summary>One production check of <c>aiprod validate</c>: its name, whether it passed, and what was seen.</summary>
public sealed record ValidationCheck(string Name, bool Passed, string Detail);
