using System.Globalization;
using System.Text;

namespace AiProd.Orchestration;

/// <summary>One page of videos, newest first, and the token of the next page (null on the last).</summary>
public sealed record VideoPage(IReadOnlyList<VideoStatus> Items, string? NextPageToken);

/// <summary>One page of a list as its summaries; <see cref="NextPageToken"/> as in <see cref="VideoPage"/>.</summary>
public sealed record VideoListPage(IReadOnlyList<VideoListItem> Items, string? NextPageToken);

/// <summary>
/// Where a page of the in-memory store ends: the creation time and id of its last video. Opaque to clients (base64url); the next page
/// starts with the first video created before it.
/// </summary>
public sealed record VideoPageToken(DateTimeOffset CreatedAt, Guid Id)
{
    /// <summary>True when a video with this creation time and id comes after the token in newest-first order.</summary>
    public bool IsBefore(DateTimeOffset createdAt, Guid id) => createdAt < CreatedAt || (createdAt == CreatedAt && id.CompareTo(Id) < 0);

    public override string ToString() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParse(string? text, out VideoPageToken? token)
    {
        token = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || !Guid.TryParseExact(parts[1], "N", out var id))
                return false;
            token = new VideoPageToken(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
