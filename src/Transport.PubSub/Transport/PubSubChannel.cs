using Google.Apis.Auth.OAuth2;
using Grpc.Core;
using Grpc.Net.Client;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>The gRPC channel: plain HTTP/2 to the emulator; TLS plus Application Default Credentials to the service.</summary>
internal static class PubSubChannel
{
    internal static readonly TimeSpan KeepAlivePingDelay = TimeSpan.FromMinutes(5);
    private static readonly string[] Scopes = ["https://www.googleapis.com/auth/pubsub"];

    public static GrpcChannel Create(PubSubTransportOptions options)
    {
        var address = options.UsesEmulator ? new Uri($"http://{options.EmulatorHost}") : options.Endpoint;
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = options.UsesEmulator
                ? ChannelCredentials.Insecure
                : ChannelCredentials.Create(ChannelCredentials.SecureSsl, AdcCallCredentials()),
            // Pull responses carry up to 10 MB messages, more than the 4 MB default.
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
            HttpHandler = CreateHandler(),
        });
    }

    /// <summary>
    /// HTTP/2 keep-alive pings at most every <see cref="KeepAlivePingDelay"/>: gRPC servers (the emulator is grpc-java
    /// with its defaults) allow a client one ping per 5 minutes while they send nothing; a third early ping makes them
    /// close the connection with GOAWAY ENHANCE_YOUR_CALM "too_many_pings", which fails every stream on it with
    /// RESOURCE_EXHAUSTED. Google's Node client uses the same 5 minutes.
    /// </summary>
    internal static SocketsHttpHandler CreateHandler() => new()
    {
        // Every subscription holds a stream open; many streams need more than one HTTP/2 connection.
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = KeepAlivePingDelay,
        KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>ADC is looked up on the first call (not at start-up) and again after a failure; the credential refreshes its token.</summary>
    private static CallCredentials AdcCallCredentials()
    {
        var gate = new SemaphoreSlim(1, 1);
        ITokenAccess? credential = null;
        return CallCredentials.FromInterceptor(async (context, metadata) =>
        {
            if (credential is null)
            {
                await gate.WaitAsync(context.CancellationToken).ConfigureAwait(false);
                try
                {
                    credential ??= (await GoogleCredential.GetApplicationDefaultAsync(context.CancellationToken).ConfigureAwait(false)).CreateScoped(Scopes);
                }
                finally
                {
                    gate.Release();
                }
            }

            var token = await credential.GetAccessTokenForRequestAsync(context.ServiceUrl, context.CancellationToken).ConfigureAwait(false);
            metadata.Add("authorization", $"Bearer {token}");
        });
    }
}
