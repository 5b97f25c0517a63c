using System.Globalization;
using System.Text.RegularExpressions;

namespace AiProd.Deploy.Tests.Support;

/// <summary>Kubernetes quantities ("8Gi", "512Mi", "1G") in bytes.</summary>
public static partial class Quantity
{
    public static long Bytes(string quantity)
    {
        var m = Pattern().Match(quantity);
        if (!m.Success)
            throw new FormatException($"not a quantity: {quantity}");
        var scale = m.Groups[2].Value switch
        {
            "" => 1L,
            "k" => 1_000L,
            "M" => 1_000_000L,
            "G" => 1_000_000_000L,
            "Ki" => 1L << 10,
            "Mi" => 1L << 20,
            "Gi" => 1L << 30,
            "Ti" => 1L << 40,
            var unit => throw new FormatException($"unit {unit}"),
        };
        return (long)(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * scale);
    }

    [GeneratedRegex(@"^([0-9.]+)(k|M|G|Ki|Mi|Gi|Ti)?$")]
    private static partial Regex Pattern();
}
