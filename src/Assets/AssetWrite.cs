namespace AiProd.Assets;

/// <summary>What a put does when something is already stored under the name.</summary>
public enum AssetWrite
{
    /// <summary>Overwrite it (on Cloud Storage with versioning on, the old bytes stay as a noncurrent version).</summary>
    Replace,

    /// <summary>
    /// Never overwrite: the put succeeds when nothing is stored yet or when the very same bytes already are (so a retry
    /// is harmless), and throws <see cref="AssetConflictException"/> when other bytes are.
    /// </summary>
    CreateOnly,
}
