using System.Globalization;

namespace AiProd.Bench.Scaling;

/// <summary>What Linux says about processes this bench started, read from <c>/proc</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set size (<c>VmRSS</c> of <c>/proc/&lt;pid&gt;/status</c>) in MiB; NaN when the process is gone.</summary>
    public static double ResidentMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kilobytes is null ? double.NaN : long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>
    /// This process's children still running. Only the bench starts children (services, emulator launchers, ffmpeg), so
    /// after every fixture was stopped these are leftovers, e.g. a service whose start timed out.
    /// </summary>
    public static IReadOnlyList<int> Children()
    {
        var ids = new HashSet<int>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{Environment.ProcessId}/task"))
        {
            try
            {
                foreach (var id in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    ids.Add(int.Parse(id, CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }

        return [.. ids];
    }
}
