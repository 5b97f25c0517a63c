using Google.Apis.Auth.OAuth2;
using Grpc.Core;

namespace AiProd.SagaStore.Firestore.Documents;

/// <summary>
/// Call credentials for the real service from Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS, gcloud's
/// ADC file, or the metadata server (Workload Identity on GKE). Looked up on the first call, not at start-up, and
/// looked up again after a failure; the credential caches and refreshes its token itself.
/// </summary>
internal sealed class ApplicationDefaultCredentials
{
    private static readonly string[] Scopes = ["https://www.googleapis.com/auth/datastore"];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITokenAccess? _credential;

    public CallCredentials ToCallCredentials() => CallCredentials.FromInterceptor(async (context, metadata) =>
    {
        var credential = await GetAsync(context.CancellationToken).ConfigureAwait(false);
        var token = await credential.GetAccessTokenForRequestAsync(context.ServiceUrl, context.CancellationToken).ConfigureAwait(false);
        metadata.Add("authorization", $"Bearer {token}");
    });

    private async Task<ITokenAccess> GetAsync(CancellationToken cancellationToken)
    {
        if (_credential is not null)
            return _credential;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _credential ??= (await GoogleCredential.GetApplicationDefaultAsync(cancellationToken).ConfigureAwait(false)).CreateScoped(Scopes);
            return _credential;
        }
        finally
        {
            _gate.Release();
        }
    }
}
