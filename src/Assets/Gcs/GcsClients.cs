using Google.Cloud.Storage.V1;

namespace AiProd.Assets;

/// <summary>How the store reaches Cloud Storage: the emulator without credentials, or Google with Application Default Credentials.</summary>
internal static class GcsClients
{
    /// <summary>The emulator's root (<c>http://host:port/</c>) from <c>http://host:port</c> or <c>host:port</c>; null when blank or not such a value.</summary>
    public static Uri? EmulatorBaseUri(string? emulatorHost)
    {
        if (string.IsNullOrWhiteSpace(emulatorHost))
            return null;
        var text = emulatorHost.Contains("://", StringComparison.Ordinal) ? emulatorHost.Trim() : "http://" + emulatorHost.Trim();
        return Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query)
                ? uri
                : null;
    }

    public static StorageClient Create(Uri? emulator) =>
        emulator is null
            // Production: Application Default Credentials (Workload Identity on GKE, a key file named by
            // GOOGLE_APPLICATION_CREDENTIALS, or gcloud's application-default login on a workstation).
            ? StorageClient.Create()
            : new StorageClientBuilder { BaseUri = new Uri(emulator, "storage/v1/").AbsoluteUri, UnauthenticatedAccess = true }.Build();
}
