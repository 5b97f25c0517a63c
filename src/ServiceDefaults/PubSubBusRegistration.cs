using AiProd.Contracts;
using AiProd.Transport.PubSub;
using AiProd.Transport.PubSub.Configuration;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiProd.ServiceDefaults;

/// <summary>The pipeline's bus on Google Cloud Pub/Sub: options from section <c>PubSub</c>, checked at start-up.</summary>
internal static class PubSubBusRegistration
{
    /// <summary>The configuration section of the transport's options.</summary>
    public const string Section = "PubSub";

    public static void AddPubSubOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PubSubTransportOptions>().Bind(configuration.GetSection(Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PubSubTransportOptions>, PubSubOptionsValidation>();
    }

    public static void UsePubSub(this IBusRegistrationConfigurator bus, IReadOnlyCollection<Type> declaredTopics)
    {
        bus.AddConfigureEndpointsCallback((_, name, endpoint) =>
        {
            // The saga's endpoint consumes one video's events in order: fewer optimistic-concurrency retries.
            if (name == RoleEndpoints.Saga && endpoint is IPubSubReceiveEndpointConfigurator pubsub)
                pubsub.EnableMessageOrdering = true;
        });
        bus.UsingGooglePubSub((context, cfg) =>
        {
            cfg.Host(context.GetRequiredService<IOptions<PubSubTransportOptions>>().Value);
            VideoCorrelation.Apply(cfg);
            cfg.UseDelayedMessageScheduler();
            // Public topics exist from the first start, before any event: other systems can subscribe at once.
            cfg.DeclarePublishTopics([.. declaredTopics]);
            cfg.ConfigureEndpoints(context);
        });
    }

    private sealed class PubSubOptionsValidation : IValidateOptions<PubSubTransportOptions>
    {
        public ValidateOptionsResult Validate(string? name, PubSubTransportOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
