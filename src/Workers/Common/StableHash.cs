namespace AiProd.Workers.Common;

/// <summary>
/// A hash that is the same in every process and on every machine (FNV-1a, 64 bit), so "deterministic variety"
/// survives restarts and pods. <see cref="string.GetHashCode()"/> is randomised per process and cannot be used.
/// </summary>
public static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Hashes the parts in order; a separator keeps ("ab", "c") and ("a", "bc") apart.</summary>
    public static ulong Of(params ReadOnlySpan<string> parts)
    {
        var hash = OffsetBasis;
        foreach (var part in parts)
        {
            foreach (var c in part)
            {
                hash = (hash ^ c) * Prime;
            }

            hash = (hash ^ 0xFFFF) * Prime;
        }

        return hash;
    }

    /// <summary>Picks one item of <paramref name="items"/> by the hash of <paramref name="parts"/>.</summary>
    public static T Pick<T>(IReadOnlyList<T> items, params ReadOnlySpan<string> parts)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        return items[(int)(Of(parts) % (ulong)items.Count)];
    }
}
