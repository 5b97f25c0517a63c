namespace AiProd.Assets;

/// <summary>Which store <c>Assets:Store</c> selects.</summary>
public enum AssetStoreKind
{
    /// <summary>A folder on this machine (<see cref="LocalAssetStore"/>): the embedded mode.</summary>
    Local,

    /// <summary>A Cloud Storage bucket (<see cref="GcsAssetStore"/>): the distributed mode.</summary>
    Gcs,
}
