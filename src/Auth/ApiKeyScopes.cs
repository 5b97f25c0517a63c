namespace AiProd.Auth;

/// <summary>What a credential may do. <see cref="Admin"/> implies every other scope and sees every owner's videos.</summary>
public static class ApiKeyScopes
{
    public const string Submit = "videos:submit";
    public const string Read = "videos:read";
    public const string Approve = "videos:approve";
    public const string Comment = "videos:comment";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Submit, Read, Approve, Comment, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>True when <paramref name="granted"/> allows <paramref name="required"/> (directly or through admin).</summary>
    public static bool Allows(IEnumerable<string> granted, string required) =>
        granted.Any(g => g == required || g == Admin);
}
