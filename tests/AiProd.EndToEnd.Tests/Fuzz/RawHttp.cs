using System.Net.Sockets;
using System.Text;

namespace AiProd.EndToEnd.Tests.Fuzz;

/// <summary>A response as read off the socket: status, headers (lower-case names) and the decoded body.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>Sends raw bytes over one TCP connection (<c>Connection: close</c>) and reads the answer to the end.</summary>
internal static class RawHttp
{
    public static async Task<RawResponse?> SendAsync(Uri address, byte[] request, bool stopSending, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, cancellationToken);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, cancellationToken);
            if (stopSending)
                client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            // The server may answer (431, 413) and close before it has read everything we send.
        }

        var received = new MemoryStream();
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // A reset after the answer: what arrived is still the answer.
        }

        return Parse(received.ToArray());
    }

    private static RawResponse? Parse(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
            return null;
        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p[1].Trim())));
        var body = bytes.AsSpan(end + 4).ToArray();
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            body = Dechunk(body);
        return new RawResponse(status, headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] body)
    {
        var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = Array.IndexOf(body, (byte)'\n', position);
            if (lineEnd < 0)
                break;
            var sizeText = Encoding.ASCII.GetString(body, position, lineEnd - position).Trim().Split(';')[0];
            var size = Convert.ToInt32(sizeText, 16);
            if (size == 0)
                break;
            output.Write(body, lineEnd + 1, Math.Min(size, body.Length - lineEnd - 1));
            position = lineEnd + 1 + size + 2;
        }

        return output.ToArray();
    }
}
