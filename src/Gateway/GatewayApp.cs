using System.Text.Json.Serialization;
using AiProd.Gateway.Live;
using AiProd.Gateway.Page;
using AiProd.Gateway.Security;
using AiProd.Gateway.Webhooks;
using AiProd.Orchestration;
using AiProd.Sanitizing;
using AiProd.ServiceDefaults;
using AiProd.Assets;
#if AIPROD_EMBEDDED
using AiProd.Embedded;
#endif

namespace AiProd.Gateway;

/// <summary>
/// Builds the HTTP gateway. On the in-memory bus (embedded mode, the default) it hosts the whole pipeline; on Pub/Sub
/// it is HTTP only: it sends <c>GenerateVideo</c> to the orchestrator and reads status from the saga store.
/// </summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(AiProdService.ReadConfigOnce(args));
        builder.AddServiceDefaults();
        builder.AddGateway();

        var app = builder.BuildService();
        app.UseReferencePagePolicy();
        app.UseGatewayEdge();
        app.MapVideoEndpoints();
        app.MapApprovalEndpoints();
        app.MapVersionEndpoints();
        app.MapCommentEndpoints();
        app.MapAuditEndpoints();
        app.MapWebhookEndpoints();
        app.MapPlanEndpoints();
        app.MapGatewayOpenApi();
        app.MapEventEndpoints();
        app.MapAnimaticEndpoints();
        app.MapLiveHub();
        app.MapWebPage();
        return app;
    }

    /// <summary>The gateway's own services, and the pipeline behind it as the transport allows.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails(o => o.CustomizeProblemDetails = GatewayErrors.Customize);
        services.AddSingleton<AcceptedVideos>();
        services.AddSingleton<GatewaySubmissions>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        builder.AddGatewayEdge();
        builder.AddGatewayAuth();
        builder.AddGatewayLive();
        builder.AddGatewayWebhooks();
        services.AddGatewayOpenApi();
        services.AddGatewayRateLimits(builder.Configuration);
        services.AddInputSanitizer(builder.Configuration);
        services.AddAiProdAssets(builder.Configuration);
        services.AddHealthChecks()
            .AddCheck<Health.SagaStoreHealthCheck>(Health.SagaStoreHealthCheck.Name, tags: [ServiceDefaultsExtensions.DependencyTag])
            .AddCheck<Health.AssetStoreHealthCheck>(Health.AssetStoreHealthCheck.Name, tags: [ServiceDefaultsExtensions.DependencyTag]);
        if (BusOptions.From(builder.Configuration).IsInMemory)
        {
#if AIPROD_EMBEDDED
            builder.AddEmbeddedPipeline();
#else
            throw new InvalidOperationException(
                "This gateway build is HTTP only: set Bus:Transport=PubSub (with the orchestrator and workers as their own services), or run the embedded build.");
#endif
        }
        else
        {
            builder.AddVideoStatusReads();
        }

        return builder;
    }
}
