using System.Text;

namespace AiProd.EndToEnd.Tests.Fuzz;

/// <summary>
/// One generated request: its raw bytes, and whether the client then closes its sending side (a body cut short by a
/// client that went away: nobody is left to answer) rather than stalling with the connection open (answered 400).
/// </summary>
internal sealed record HostileRequest(string Kind, byte[] Bytes, bool ClosesEarly);

/// <summary>
/// Generates hostile HTTP/1.1 requests from a seed: bodies of random, huge, deep or wrongly typed JSON, non-numbers,
/// unicode, control characters, invalid UTF-8 and duplicate keys; odd content types, methods, paths and queries;
/// giant or missing headers; bad keys; bodies shorter than their Content-Length.
/// </summary>
internal sealed class HostileRequests(int seed, string host, string key)
{
    private static readonly string[] Fields = ["prompt", "durationSeconds", "aspectRatio", "resolution", "budgetUsd", "frameRate"];
    private static readonly string[] Numbers = ["NaN", "Infinity", "-Infinity", "1e309", "-1e309", "1e-400", "-0", "0", "2", "10", "24", "5.00", "99999999999999999999999999999999",
        "1.7976931348623157e308", "-1", "0.1", "24.0", "6e1", "0x10", "01", "+1", ".5", "1.", "--1"];
    private static readonly string[] Strings = ["", " ", "16:9", "9:16", "1:1", "720p", "1080p", "4k", "A lighthouse at dusk, waves crashing on the rocks",
        "\u202Eevil\u202C", "\u200B\u200B\u200B", "🎬🎥📽️", "ｆｕｌｌｗｉｄｔｈ", "\\u0000\\u0001\\u001f", "\\ud800", "\\udc00\\ud800", "<script>alert(1)</script>",
        "'; DROP TABLE videos; --", "../../../../etc/passwd", "%00", "\\\"", "${jndi:ldap://x}", "{{7*7}}"];
    private static readonly string[] ContentTypes = ["application/json", "application/json; charset=utf-8", "application/json; charset=\"utf-8\"", "application/json; charset=utf-16",
        "application/json; charset=\"x-unknown\"", "application/problem+json", "application/vnd.api+json", "text/plain", "text/json", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=", "application/json;;;", "*/*", "garbage", "application/json; charset=utf-8; charset=latin1", ""];
    private static readonly string[] Methods = ["GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "BREW", "PROPFIND", "M-SEARCH"];
    private static readonly string[] Paths = ["/v1/videos", "/v1/videos/", "/v1/videos/{guid}", "/v1/videos/{guid}/content", "/v1/videos/{guid}/manifest",
        "/v1/videos/not-a-uuid", "/v1/videos/../../etc/passwd", "/v1/videos/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/v1/videos/%00", "/v1/videos/%ff%fe", "//v1//videos",
        "/v1/videos/{guid}/../../admin", "/V1/VIDEOS", "/v1/videos/\u00e9", "/v1/videos/%", "/v1/videos/%zz", "/v2/videos", "/", "/health", "/.env", "/v1/videos/{guid}%20"];
    private static readonly string[] Queries = ["", "?pageSize=abc", "?pageSize=1.5", "?pageSize=1e3", "?pageSize=10000000000", "?pageSize=-10000000000", "?pageSize=",
        "?pageSize=0", "?pageSize=100", "?pageSize=5&pageSize=6", "?state=Complete", "?state=%00", "?state=Complete&state=Failed", "?pageToken=garbage",
        "?pageToken=" + new string('A', 2000), "?%zz=1", "?pageSize=%ff", "?a=1&&&&b", "?state=%E2%80%AE", "?pageSize=1&pageToken=MTox"];

    private readonly Random _random = new(seed);

    public HostileRequest Next()
    {
        var pick = _random.Next(100);
        return pick switch
        {
            < 45 => Post(Body()),
            < 55 => Post(BrokenBytes()),
            < 75 => Any(),
            < 85 => Post(Valid(), _random.Next(2) == 0 ? BadCredentialHeader() : null),
            < 92 => Giant(),
            _ => Truncated(),
        };
    }

    private T One<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Guid() => _random.Next(3) == 0 ? System.Guid.Empty.ToString() : new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)_random.Next(256))]).ToString();

    private HostileRequest Post(byte[] body, string? credential = null)
    {
        var headers = new List<string> { $"Content-Type: {One(ContentTypes)}", credential ?? Credential() };
        if (_random.Next(5) == 0)
            headers.Add($"Idempotency-Key: {One(["", "k", new string('i', 300), "same", "x y", Guid()])}");
        return new HostileRequest("post", Raw("POST", "/v1/videos", headers, body), false);
    }

    private HostileRequest Any()
    {
        var method = One(Methods);
        var template = One(Paths);
        var path = template.Replace("{guid}", Guid(), StringComparison.Ordinal) + (_random.Next(2) == 0 ? One(Queries) : string.Empty);
        var body = method is "POST" or "PUT" or "PATCH" && _random.Next(2) == 0 ? Body() : [];
        List<string> headers = [Credential()];
        if (body.Length > 0)
            headers.Add($"Content-Type: {One(ContentTypes)}");
        if (method == "OPTIONS" && _random.Next(2) == 0)
            headers.AddRange(["Origin: https://evil.example", "Access-Control-Request-Method: POST"]);
        return new HostileRequest($"{method} {template}", Raw(method, path, headers, body), false);
    }

    private HostileRequest Giant()
    {
        List<string> headers = _random.Next(3) switch
        {
            0 => [Credential(), $"X-Padding: {new string('p', _random.Next(17_000, 40_000))}"],
            1 => [Credential(), .. Enumerable.Range(0, _random.Next(51, 120)).Select(i => $"X-H{i}: v")],
            _ => [$"Authorization: Bearer {new string('k', _random.Next(4_000, 12_000))}"],
        };
        var path = _random.Next(4) == 0 ? "/v1/videos?q=" + new string('q', _random.Next(9_000, 20_000)) : "/v1/videos";
        return new HostileRequest("giant", Raw("GET", path, headers, []), false);
    }

    private HostileRequest Truncated()
    {
        var body = Valid();
        var sent = body[.._random.Next(0, body.Length)];
        var request = Raw("POST", "/v1/videos", ["Content-Type: application/json", Credential()], sent, declaredLength: body.Length + _random.Next(1, 1000));
        // Stalling costs the gateway's body timeout (seconds) per request: a quarter stall, the rest hang up.
        var stalls = _random.Next(4) == 0;
        return new HostileRequest(stalls ? "stalled" : "cut", request, !stalls);
    }

    private string Credential() => _random.Next(10) switch
    {
        < 7 => $"Authorization: Bearer {key}",
        7 => $"X-Api-Key: {key}",
        _ => BadCredentialHeader(),
    };

    private string BadCredentialHeader() => _random.Next(9) switch
    {
        0 => "X-Nothing: 1",
        1 => "Authorization: Bearer ak_0123456789abcdef.wrong",
        2 => "Authorization: Basic dXNlcjpwYXNz",
        3 => "Authorization: Bearer",
        4 => "Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        5 => $"X-Api-Key: {key[..^1]}",
        6 => "Authorization: bearer " + new string('a', 100),
        7 => "X-Api-Key: ",
        _ => $"Authorization: Bearer {key}x",
    };

    private byte[] Valid() => Encoding.UTF8.GetBytes($"{{\"prompt\":\"A paper boat drifting down a rainy street {_random.Next()}\",\"durationSeconds\":{_random.Next(2, 8)}}}");

    private byte[] Body()
    {
        var text = _random.Next(8) switch
        {
            0 => Value(0),
            1 => "{" + string.Join(",", Enumerable.Range(0, _random.Next(1, 8)).Select(_ => $"\"{One(Fields)}\":{Value(2)}")) + "}",
            2 => "{\"prompt\":\"" + new string('a', _random.Next(1_000, 90_000)) + "\"}",
            3 => new string('[', _random.Next(10, 5_000)) + new string(']', _random.Next(0, 5_000)),
            4 => "{\"prompt\":\"x\"," + string.Join(",", Enumerable.Range(0, _random.Next(2, 6)).Select(_ => $"\"{One(Fields)}\":{One(Numbers)}")) + "}",
            5 => "{" + string.Join(",", Enumerable.Range(0, 6).Select(i => $"\"{Fields[i]}\":\"{One(Strings)}\"")) + "}",
            6 => "{\"prompt\":\"ok\",\"prompt\":\"again\",\"PROMPT\":1,\"" + One(Strings) + "\":null}",
            _ => "{\"prompt\":" + One(["null", "true", "[]", "{}", "\"A calm lake at dawn\""]) + ",\"durationSeconds\":" + One(Numbers) + "}",
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private string Value(int depth) => (depth > 6 ? _random.Next(4) : _random.Next(7)) switch
    {
        0 => One(Numbers),
        1 => $"\"{One(Strings)}\"",
        2 => One(["null", "true", "false"]),
        3 => $"\"{new string((char)_random.Next(0x20, 0x7e), _random.Next(0, 50)).Replace("\\", "/", StringComparison.Ordinal).Replace("\"", "'", StringComparison.Ordinal)}\"",
        4 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Value(depth + 1))) + "]",
        _ => "{" + string.Join(",", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => $"\"{One(Fields)}\":{Value(depth + 1)}")) + "}",
    };

    /// <summary>Bytes no JSON writer makes: invalid UTF-8, raw control characters, a BOM of the wrong kind, random bytes.</summary>
    private byte[] BrokenBytes() => _random.Next(5) switch
    {
        0 => [.. "{\"prompt\":\""u8, 0xff, 0xfe, 0xc0, 0xaf, .. "\"}"u8],
        1 => [.. "{\"prompt\":\"a"u8, 0x00, 0x01, 0x1f, .. "\"}"u8],
        2 => [0xff, 0xfe, .. Encoding.Unicode.GetBytes("{\"prompt\":\"utf16\"}")],
        3 => [.. Enumerable.Range(0, _random.Next(1, 300)).Select(_ => (byte)_random.Next(256))],
        _ => [0xef, 0xbb, 0xbf, .. "{\"prompt\":\"bom\",\"durationSeconds\":2}"u8],
    };

    private byte[] Raw(string method, string path, IEnumerable<string> headers, byte[] body, int? declaredLength = null)
    {
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        foreach (var header in headers)
            head.Append(header).Append("\r\n");
        if (body.Length > 0 || declaredLength is not null || method is "POST" or "PUT" or "PATCH")
            head.Append($"Content-Length: {declaredLength ?? body.Length}\r\n");
        head.Append("\r\n");
        return [.. Encoding.UTF8.GetBytes(head.ToString()), .. body];
    }
}
