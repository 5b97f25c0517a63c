namespace AiProd.Collaboration.Records;

/// <summary>A record kept by an <see cref="IRecordStore{T}"/>: its id, the group it is listed by, and when it was made.</summary>
public interface IStoredRecord
{
    string Id { get; }

    /// <summary>What lists group by (a video id for comments and for a video's audit entries).</summary>
    string Partition { get; }

    DateTimeOffset At { get; }
}
