using System.Text.Json;

namespace AiProd.Cli.Remote;

/// <summary>The parts of the gateway's status document the CLI shows.</summary>
public sealed record VideoStatusView(Guid Id, string State, string? Stage, int Progress, string? ErrorCode, string? ErrorStage, string? ErrorMessage, bool? Retryable, decimal? ActualUsd, string? Backend)
{
    public bool Finished => State is "Complete" or "Failed";

    public static VideoStatusView From(JsonElement body)
    {
        var error = body.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : (JsonElement?)null;
        var cost = body.TryGetProperty("cost", out var c) && c.ValueKind == JsonValueKind.Object ? c : (JsonElement?)null;
        return new VideoStatusView(
            body.GetProperty("id").GetGuid(),
            Text(body, "state") ?? "?",
            Text(body, "stage"),
            body.TryGetProperty("progressPercent", out var p) && p.TryGetInt32(out var percent) ? percent : 0,
            error is { } er ? Text(er, "code") : null,
            error is { } es ? Text(es, "stage") : null,
            error is { } em ? Text(em, "message") : null,
            error is { } rr && rr.TryGetProperty("retryable", out var r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False ? r.GetBoolean() : null,
            cost is { } ca && ca.TryGetProperty("actualUsd", out var a) && a.TryGetDecimal(out var usd) ? usd : null,
            cost is { } cb ? Text(cb, "backend") : null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
