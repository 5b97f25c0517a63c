using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace AiProd.SagaStore.Firestore.Documents;

/// <summary>Builds the gRPC channel: plain HTTP/2 with the emulator's owner token, or the real service.</summary>
internal static class FirestoreChannel
{
    public static GrpcChannel Create(FirestoreOptions options)
    {
        if (!options.UsesEmulator)
        {
            // Real GCP needs Application Default Credentials (Google.Apis.Auth) as channel call credentials;
            // this build does not carry them, so it says what to configure instead of failing on the first call.
            throw new NotSupportedException(
                "The Firestore saga store only talks to the Firestore emulator in this build: set Firestore:EmulatorHost " +
                "(or the FIRESTORE_EMULATOR_HOST environment variable) to host:port. Real Firestore needs Application " +
                "Default Credentials (GOOGLE_APPLICATION_CREDENTIALS or Workload Identity), which are not implemented yet.");
        }

        return GrpcChannel.ForAddress($"http://{options.EmulatorHost}", new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            ServiceConfig = new ServiceConfig
            {
                // Unavailable means the call never reached Firestore, so even a create is safe to send again.
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { MethodName.Default },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 4,
                            InitialBackoff = TimeSpan.FromMilliseconds(100),
                            MaxBackoff = TimeSpan.FromSeconds(2),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable },
                        },
                    },
                },
            },
        });
    }

    /// <summary>Headers every call carries: the emulator's admin token and the routing headers the real service wants.</summary>
    public static Metadata Headers(FirestoreOptions options)
    {
        var headers = new Metadata
        {
            { "google-cloud-resource-prefix", options.DatabaseName },
            { "x-goog-request-params", $"project_id={Uri.EscapeDataString(options.ProjectId)}&database_id={Uri.EscapeDataString(options.DatabaseId)}" },
        };
        if (options.UsesEmulator)
            headers.Add("authorization", "Bearer owner");
        return headers;
    }
}
