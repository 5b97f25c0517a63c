using System.Globalization;

namespace AiProd.Workers.Common;

/// <summary>Formats USD amounts for messages people read.</summary>
public static class Money
{
    /// <summary>"$0.42"; amounts under a cent keep four decimals ("$0.0050") so they never read as free.</summary>
    public static string Format(decimal usd) =>
        "$" + usd.ToString(usd is > 0 and < 0.01m ? "0.0000" : "0.00", CultureInfo.InvariantCulture);
}
