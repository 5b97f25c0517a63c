using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Contracts;
using AiProd.Transport.PubSub.V1;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>
/// What "completed once" means to a user after a fault: the video is Complete, entered Complete once, its
/// VideoCompleted reached the public topic once, and each shot of its plan was billed once.
/// </summary>
internal static class ExactlyOnce
{
    /// <summary>
    /// VideoCompleted messages per video, counted by message id: a message the outbox sends again after a crash keeps
    /// its id, so a subscriber that deduplicates on it (as the wire contract says) sees it once.
    /// </summary>
    public static Dictionary<Guid, int> CompletionsByVideo(IEnumerable<PubsubMessage> completed) =>
        completed.DistinctBy(m => m.Attributes.TryGetValue("MessageId", out var id) ? id : m.MessageId)
            .GroupBy(m => JsonDocument.Parse(m.Data.ToStringUtf8()).RootElement.GetProperty("videoId").GetGuid())
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Asserts all of the above for every one of <paramref name="ids"/>; <paramref name="why"/> goes in each message.</summary>
    public static async Task AssertAsync(Deployment deployment, IReadOnlyList<Guid> ids, IReadOnlyList<PubsubMessage> completed, string why)
    {
        var completions = CompletionsByVideo(completed);
        using var http = deployment.Http();
        var failures = new List<string>();
        foreach (var id in ids)
        {
            var status = (await deployment.StatusAsync(id))!.Value;
            var state = status.GetProperty("state").GetString();
            if (state != VideoStages.Complete)
            {
                failures.Add($"{id}: {state} {status.GetProperty("error")}");
                continue;
            }

            var manifest = await http.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}/manifest");
            var plan = manifest.GetProperty("shots").EnumerateArray().Select(s => s.GetProperty("shotId").GetString()!).ToList();
            var renders = status.GetProperty("renders").EnumerateArray().ToList();
            var billed = renders.Select(r => r.GetProperty("shotId").GetString()!).ToList();
            var entered = status.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("stage").GetString() == VideoStages.Complete);
            var actual = status.GetProperty("cost").GetProperty("actualUsd").GetDecimal();
            var sum = renders.Sum(r => r.GetProperty("costUsd").GetDecimal());
            if (entered != 1)
                failures.Add($"{id}: entered Complete {entered} times");
            if (completions.GetValueOrDefault(id) != 1)
                failures.Add($"{id}: {completions.GetValueOrDefault(id)} VideoCompleted on the public topic");
            if (billed.Count != billed.Distinct().Count() || !billed.Order().SequenceEqual(plan.Order()))
                failures.Add($"{id}: billed shots [{string.Join(", ", billed)}] for the plan [{string.Join(", ", plan)}]");
            if (actual != sum)
                failures.Add($"{id}: actualUsd {actual} is not the sum of its renders {sum}");
        }

        Assert.That(failures, Is.Empty, $"{why}\n{string.Join("\n", failures)}\n{deployment.Logs()}");
    }
}
