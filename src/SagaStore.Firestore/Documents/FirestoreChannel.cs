using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace AiProd.SagaStore.Firestore.Documents;

/// <summary>Builds the gRPC channel: plain HTTP/2 to the emulator, or TLS to the real service with Application Default Credentials.</summary>
internal static class FirestoreChannel
{
    public static GrpcChannel Create(FirestoreOptions options)
    {
        var address = options.UsesEmulator ? new Uri($"http://{options.EmulatorHost}") : options.Endpoint;
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            // The emulator takes a static owner token (see Headers); the real service a token from ADC, over TLS only.
            Credentials = options.UsesEmulator
                ? ChannelCredentials.Insecure
                : ChannelCredentials.Create(ChannelCredentials.SecureSsl, new ApplicationDefaultCredentials().ToCallCredentials()),
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            },
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
