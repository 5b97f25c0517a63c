using System.Globalization;
using System.Text;

namespace AiProd.Media;

/// <summary>
/// ffmpeg filter-graph quoting. A value inside a filter's options is escaped once for the option parser and once
/// more for the graph parser; getting either wrong lets a caption's ':' or '\'' break the graph.
/// </summary>
public static class FilterEscaping
{
    /// <summary>Escapes a value (a path, a text) so it can be written as <c>key=value</c> inside a filter graph.</summary>
    public static string OptionValue(string value)
    {
        // Level 1: option parser — backslash-escape the option separator, quotes and backslashes.
        var level1 = Escape(value, "\\':");
        // Level 2: graph parser — the same again for the graph's own special characters.
        return Escape(level1, "\\'[],;");
    }

    /// <summary>Formats a number for a filter expression with invariant culture.</summary>
    public static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Escape(string value, string special)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (special.Contains(c, StringComparison.Ordinal))
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }
}
