using System.Text.Json.Serialization;
using AiProd.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AiProd.Gateway;

/// <summary>Builds the HTTP gateway; in embedded mode it hosts the whole pipeline in-process.</summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddAiProdPipeline();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton<AcceptedVideos>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = VideoEndpoints.MaxBodyBytes);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapVideoEndpoints();
        return app;
    }
}
