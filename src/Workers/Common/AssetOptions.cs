using System.ComponentModel.DataAnnotations;

namespace AiProd.Workers.Common;

/// <summary>Where the local asset store keeps its files (section <c>Assets</c>).</summary>
public sealed class AssetOptions
{
    public const string Section = "Assets";

    /// <summary>Root folder of the local store; relative paths are resolved against the current directory.</summary>
    [Required]
    public string Root { get; set; } = "data/assets";
}
