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
    /// CPU time the process has used so far (user + system, fields 14 and 15 of <c>/proc/&lt;pid&gt;/stat</c>, in clock
    /// ticks of 1/100 s), in milliseconds; NaN when the process is gone.
    /// </summary>
    public static double CpuMilliseconds(int pid) => Cpu(pid, children: false);

    /// <summary>
    /// CPU time this process has used so far with that of its children it has waited for (fields 14–17 of
    /// <c>/proc/self/stat</c>: an ffmpeg run counts once it has exited and been reaped), in milliseconds.
    /// </summary>
    public static double CpuWithChildrenMilliseconds() => Cpu(Environment.ProcessId, children: true);

    private static double Cpu(int pid, bool children)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = 0L;
            for (var i = 11; i <= (children ? 14 : 12); i++)
                ticks += long.Parse(fields[i], CultureInfo.InvariantCulture);
            return ticks * 10.0;
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
