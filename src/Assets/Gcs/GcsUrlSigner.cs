using Google.Apis.Auth.OAuth2;
using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Logging;

namespace AiProd.Assets;

/// <summary>
/// V4 signed read URLs. The signer is made on first use: from <c>Assets:SigningCredentialFile</c> when set (signed
/// locally with that key), else from the store's own credential (a service-account key signs locally; on Workload
/// Identity <see cref="UrlSigner"/> calls IAM signBlob, which needs roles/iam.serviceAccountTokenCreator for the
/// service account on itself). None at all on the emulator without a key file, or with a credential that cannot sign.
/// </summary>
internal sealed class GcsUrlSigner(StorageClient client, Uri? emulator, string? signingCredentialFile, ILogger logger)
{
    private readonly Lazy<Task<UrlSigner?>> _signer = new(() => CreateAsync(client, emulator, signingCredentialFile, logger));

    /// <summary>A GET URL for the object, valid for <paramref name="validFor"/>; null when nothing here can sign.</summary>
    public async Task<Uri?> SignReadAsync(GcsObject target, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (await _signer.Value is not { } signer)
            return null;
        var request = UrlSigner.RequestTemplate.FromBucket(target.Bucket).WithObjectName(target.Name).WithHttpMethod(HttpMethod.Get);
        // The signing time is the signer's own clock (UrlSigner keeps WithClock internal), not our TimeProvider.
        var signing = UrlSigner.Options.FromDuration(validFor);
        if (emulator is not null)
            signing = signing.WithScheme(emulator.Scheme).WithHost(emulator.Host).WithPort(emulator.Port);
        return new Uri(await signer.SignAsync(request, signing, cancellationToken));
    }

    private static async Task<UrlSigner?> CreateAsync(StorageClient client, Uri? emulator, string? signingCredentialFile, ILogger logger)
    {
        const string setting = $"{AssetOptions.Section}:{nameof(AssetOptions.SigningCredentialFile)}";
        if (!string.IsNullOrWhiteSpace(signingCredentialFile))
            return UrlSigner.FromCredential(await CredentialFactory.FromFileAsync<ServiceAccountCredential>(signingCredentialFile, CancellationToken.None));

        if (emulator is not null)
        {
            logger.LogInformation("No {Setting} on the Storage emulator: signed URLs are not available", setting);
            return null;
        }

        try
        {
            return client.CreateUrlSigner();
        }
        catch (InvalidOperationException e)
        {
            logger.LogWarning(e, "The Cloud Storage credential cannot sign URLs; set {Setting} or run as a service account", setting);
            return null;
        }
    }
}
