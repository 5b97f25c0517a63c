using System.ComponentModel.DataAnnotations;

namespace AiProd.Workers.Render.Caching;

/// <summary>The render cache of a render worker process (section <c>RenderCache</c>).</summary>
public sealed class RenderCacheOptions
{
    public const string Section = "RenderCache";

    /// <summary>How many clips it remembers (least recently used evicted first); 0 turns it off.</summary>
    [Range(0, 100_000)]
    public int Entries { get; set; } = 500;
}
