using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiProd.EndToEnd.Tests.Webhooks;

/// <summary>
/// The receiver's side of the Standard Webhooks specification, written from the spec (not from the gateway's code):
/// the secret is base64 after <c>whsec_</c>; the signed content is <c>{id}.{timestamp}.{body}</c>; the header holds
/// space-separated <c>v1,{base64 HMAC-SHA256}</c> signatures, any one of which must match (compared in constant time);
/// the timestamp must be within five minutes of now.
/// </summary>
internal static class StandardWebhooksVerifier
{
    public static bool Verify(string secret, ReceivedWebhook request, DateTimeOffset now)
    {
        if (request.Id is null || request.Timestamp is null || request.Signature is null || !secret.StartsWith("whsec_", StringComparison.Ordinal))
            return false;
        if (!long.TryParse(request.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300)
            return false;
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.{request.Body}"));
        foreach (var part in request.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || part[..comma] != "v1")
                continue;
            try
            {
                if (CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(part[(comma + 1)..]), expected))
                    return true;
            }
            catch (FormatException)
            {
            }
        }

        return false;
    }
}
