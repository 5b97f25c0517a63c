namespace AiProd.Bench.Scaling;

/// <summary>
/// A batch's render phase: from the first shot started to the last shot rendered, over every worker. Its rate counts
/// every shot rendered meanwhile (re-renders included), so it is what the workers delivered, not what was asked for.
/// </summary>
internal sealed record RenderPhase(int Workers, int Shots, double Seconds, IReadOnlyList<int> ShotsPerWorker)
{
    public double ShotsPerMinute => Shots / Seconds * 60;

    public static RenderPhase Of(int workers, IEnumerable<LoggedShot> logged, IEnumerable<BenchVideo> batch)
    {
        var ids = batch.Select(v => v.Id).ToHashSet();
        var shots = logged.Where(s => ids.Contains(s.VideoId)).ToList();
        if (shots.Count == 0)
            throw new InvalidOperationException("No render worker logged a shot of the batch.");
        var seconds = (shots.Max(s => s.Finished) - shots.Min(s => s.Started)).TotalSeconds;
        var perWorker = shots.GroupBy(s => s.Worker, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count()).ToList();
        return new RenderPhase(workers, shots.Count, seconds, perWorker);
    }
}
