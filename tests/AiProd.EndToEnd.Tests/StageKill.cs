using AiProd.Contracts;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The kill-in-a-stage loop both fault suites share (the embedded gateway and the distributed orchestrator; linked into
/// AiProd.Distributed.Tests): polls a video's state and kills the process once the video is in the aimed stage or past
/// it, or has ended.
/// </summary>
internal static class StageKill
{
    /// <summary>
    /// Reads the state with <paramref name="readState"/> every <paramref name="poll"/> (zero: as fast as it answers) until
    /// it is <paramref name="stage"/> or later, <see cref="VideoStages.Complete"/> or <see cref="VideoStages.Failed"/>,
    /// then runs <paramref name="kill"/> and returns the state it killed in; fails the test after two minutes.
    /// </summary>
    public static async Task<string> WhenInAsync(Func<Task<string?>> readState, Action kill, string stage, TimeSpan poll, Func<string> context)
    {
        var order = VideoStages.Ordered.ToList();
        var aim = order.IndexOf(stage);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var state = await readState();
            if (state is VideoStages.Failed or VideoStages.Complete || (state is not null && order.IndexOf(state) >= aim))
            {
                kill();
                return state;
            }

            if (poll > TimeSpan.Zero)
                await Task.Delay(poll);
        }

        Assert.Fail($"The video did not reach {stage} within 2 minutes.{context()}");
        return stage;
    }
}
