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
        try
        {
            while (done.Count < ids.Count)
            {
                foreach (var id in ids.Where(id => !done.ContainsKey(id)).ToList())
                {
                    if (await status(id, limit.Token) is { Finished: true } video)
                        done[id] = video;
                }

                if (done.Count < ids.Count)
                    await Task.Delay(poll, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{ids.Count - done.Count} of {ids.Count} videos did not finish within {timeout.TotalSeconds:0} s.");
        }

        return [.. ids.Select(id => done[id])];
    }
}
