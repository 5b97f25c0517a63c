namespace AiProd.Bench;

/// <summary>The benches' command-line options: <c>--name value</c> pairs after the bench's name.</summary>
internal static class BenchArgs
{
    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/> when the option is not given.</summary>
    public static string Value(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
