using System.Diagnostics;

namespace AiProd.Testing;

/// <summary>Signals for processes the tests started, by id: never anything they did not start.</summary>
public static class ProcessGroup
{
    /// <summary><c>kill -SIGNAL -- -pgid</c>: the whole group a <c>setsid</c> child leads.</summary>
    public static Task SignalAsync(int groupLeader, string signal) => KillAsync(signal, $"-{groupLeader}");

    /// <summary><c>kill -SIGNAL pid</c>: one process.</summary>
    public static Task SignalOneAsync(int pid, string signal) => KillAsync(signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task KillAsync(string signal, string target)
    {
        using var kill = Process.Start("kill", [$"-{signal}", "--", target]);
        await kill.WaitForExitAsync();
    }
}
