using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AiProd.ServiceDefaults.Logging;

/// <summary>
/// One JSON object a line, in the shape Cloud Logging's agent reads from a container's stdout: <c>severity</c>,
/// <c>message</c>, <c>time</c>, <c>logging.googleapis.com/trace</c> (<c>projects/{project}/traces/{traceId}</c>),
/// <c>logging.googleapis.com/spanId</c>, <c>logging.googleapis.com/trace_sampled</c>, and
/// <c>logging.googleapis.com/labels</c> with the service's <c>role</c> and, when the entry or its scopes name them,
/// <c>videoId</c> and <c>stage</c>. Every other named placeholder lands in the entry as a field of its own.
/// </summary>
internal sealed class CloudLoggingFormatter(IOptionsMonitor<CloudLoggingFormatterOptions> options) : ConsoleFormatter(Name)
{
    public new const string Name = "cloud-logging";

    // Server logs, never HTML: keep quotes, apostrophes and non-ASCII text readable.
    private static readonly JsonWriterOptions Writer = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;
        var settings = options.CurrentValue;
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        scopeProvider?.ForEachScope((scope, all) => Collect(scope, all), fields);
        Collect(logEntry.State, fields);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            json.WriteString("severity", Severity(logEntry.LogLevel));
            json.WriteString("message", logEntry.Exception is null ? message : $"{message}\n{logEntry.Exception}");
            json.WriteString("time", DateTimeOffset.UtcNow.ToString("O"));
            json.WriteString("logger", logEntry.Category);
            if (Activity.Current is { } activity)
            {
                var trace = activity.TraceId.ToHexString();
                json.WriteString("logging.googleapis.com/trace", settings.ProjectId is { Length: > 0 } p ? $"projects/{p}/traces/{trace}" : trace);
                json.WriteString("logging.googleapis.com/spanId", activity.SpanId.ToHexString());
                json.WriteBoolean("logging.googleapis.com/trace_sampled", activity.Recorded);
            }

            json.WriteStartObject("logging.googleapis.com/labels");
            json.WriteString("role", settings.Role);
            if (Pick(fields, "VideoId", "videoId", "CorrelationId") is { } videoId)
                json.WriteString("videoId", videoId);
            if (Pick(fields, "Stage", "stage") is { } stage)
                json.WriteString("stage", stage);
            json.WriteEndObject();

            foreach (var (key, value) in fields)
            {
                if (key is "{OriginalFormat}" or "VideoId" or "Stage" || key.StartsWith("logging.", StringComparison.Ordinal))
                    continue;
                json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }

    private static void Collect(object? state, Dictionary<string, object?> fields)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
                fields[key] = value;
        }
    }

    private static string? Pick(Dictionary<string, object?> fields, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (fields.TryGetValue(key, out var value) && Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } text)
                return text;
        }

        return null;
    }

    // Cloud Logging's LogSeverity names.
    private static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "DEFAULT",
    };
}
