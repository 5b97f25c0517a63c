using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.ServiceDefaults;

internal static class BusRegistration
{
    /// <summary><c>Bus:Transport</c> checked at start-up; the <c>PubSub</c> section too when it is chosen.</summary>
    public static void AddBusOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BusOptions>(builder.Configuration, BusOptions.Section)
            .Validate(o => o.IsInMemory || o.IsPubSub, "Bus:Transport must be 'InMemory' or 'PubSub'.");
        if (BusOptions.From(builder.Configuration).IsPubSub)
        {
            builder.Services.AddPubSubOptions(builder.Configuration);
            // The host must outlast the transport's graceful stop (consumers finish, the rest is nacked, acks flushed):
            // StopTimeout plus the flush, or the last acks are cut off and finished work is delivered again.
            builder.Services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<AiProd.Transport.PubSub.PubSubTransportOptions>>(
                (host, pubsub) => host.ShutdownTimeout = TimeSpan.FromTicks(Math.Max(host.ShutdownTimeout.Ticks, (pubsub.Value.StopTimeout + TimeSpan.FromSeconds(10)).Ticks)));
        }
    }
}
