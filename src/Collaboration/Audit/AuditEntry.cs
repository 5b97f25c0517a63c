using System.Globalization;
using AiProd.Collaboration.Records;

namespace AiProd.Collaboration.Audit;

/// <summary>One thing someone did, kept for good: who, what, when, on which video and version.</summary>
/// <param name="Id">au_ and 16 hex digits.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who (an API key's owner and key id, a token's subject, or <c>cli:{user}</c>).</param>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="VideoId">The video it was about, if any.</param>
/// <param name="Version">The version it was about, if any.</param>
/// <param name="Target">What else it was about (a comment id, a key id, a role).</param>
/// <param name="Detail">A few words (the rejection's comment, a key's scopes).</param>
public sealed record AuditEntry(string Id, DateTimeOffset At, string Actor, string Action, Guid? VideoId, int? Version, string? Target, string? Detail) : IStoredRecord
{
    public string Partition => VideoId?.ToString("D", CultureInfo.InvariantCulture) ?? "-";
}
