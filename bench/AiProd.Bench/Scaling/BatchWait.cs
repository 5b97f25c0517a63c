namespace AiProd.Bench.Scaling;

internal static class BatchWait
{
    /// <summary>Polls each unfinished video until all are Complete or Failed; a <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<BenchVideo>> WaitAsync(
        IReadOnlyList<Guid> ids, Func<Guid, CancellationToken, Task<BenchVideo?>> status, TimeSpan poll, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var done = new Dictionary<Guid, BenchVideo>();
        var last = new Dictionary<Guid, BenchVideo>();
        try
        {
            while (done.Count < ids.Count)
            {
                foreach (var id in ids.Where(id => !done.ContainsKey(id)).ToList())
                {
                    if (await status(id, limit.Token) is not { } video)
                        continue;
                    last[id] = video;
                    if (video.Finished)
                        done[id] = video;
                }

                if (done.Count < ids.Count)
                    await Task.Delay(poll, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var stuck = ids.Where(id => !done.ContainsKey(id))
                .Select(id => last.TryGetValue(id, out var v) ? $"{id} in {v.State} since {v.History.LastOrDefault()?.EnteredAt:HH:mm:ss.fff}" : $"{id} never seen");
            throw new TimeoutException($"{ids.Count - done.Count} of {ids.Count} videos did not finish within {timeout.TotalSeconds:0} s: {string.Join("; ", stuck)}.");
        }

        return [.. ids.Select(id => done[id])];
    }
}
