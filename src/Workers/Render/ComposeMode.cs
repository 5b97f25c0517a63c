namespace AiProd.Workers.Render;

/// <summary>How the composer turns rendered clips into the delivered picture (<c>Render:Compose</c>).</summary>
public enum ComposeMode
{
    /// <summary>
    /// Local clips are rendered at the delivery settings and joined by stream copy; only transition windows (and any
    /// clip that cannot be copied) are encoded again. Falls back to <see cref="Reencode"/> whenever a clip does not fit.
    /// </summary>
    Copy,

    /// <summary>Every clip decoded and the whole video encoded once more: the previous path, kept for comparison.</summary>
    Reencode,
}
