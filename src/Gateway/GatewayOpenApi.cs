using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace AiProd.Gateway;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and its Scalar reference page (<c>/scalar</c>), both anonymous: they
/// describe the public contract and hold nothing a caller could not learn from the docs. Every operation gets its
/// summary, its request body, its problem responses (<c>application/problem+json</c>) and, unless it is anonymous, the
/// API-key security requirement. Scalar serves its own bundled script, so the page needs no CDN.
/// </summary>
public static class GatewayOpenApi
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar";
    public const string SchemeName = "ApiKey";
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemJson = "application/problem+json";

    /// <summary>The Scalar page runs one inline configuration script and inline styles; everything else comes from this host.</summary>
    public const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "AiProd API",
                    Version = "v1",
                    Description = "Submit video requests, follow them, review, approve, comment, and receive webhooks. Errors are RFC 7807 problem details naming the field. " +
                        "Live events also come over the SignalR hub /v1/hubs/videos (WebSocket; the same key, or access_token in the query): Subscribe(videoId), Resume(videoId, lastEventId), Unsubscribe(videoId); it pushes event {id, name, data}, the same events as GET /v1/videos/{id}/events.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "X-Api-Key",
                    Description = "An API key (aiprod keys create). It may also be sent as Authorization: Bearer <key>; a JWT bearer works when Auth:Jwt is configured.",
                };
                document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
                document.Components.Schemas[ProblemSchema] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "RFC 7807 problem details; errors name each bad field, header or body.",
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                        ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["errors"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                        },
                    },
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var method = context.Description.HttpMethod ?? "GET";
                var route = "/" + (context.Description.RelativePath ?? string.Empty).TrimEnd('/');
                var key = $"{method} {route}";
                var document = context.Document!;
                if (OpenApiCatalog.Summaries.TryGetValue(key, out var summary))
                    operation.Summary = summary;
                if (OpenApiCatalog.Bodies.TryGetValue(key, out var body))
                    operation.RequestBody = body();

                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
                if (secured)
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
                foreach (var status in OpenApiCatalog.ProblemsOf(method, route, secured))
                    Problem(operation, document, status);
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapGatewayOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("AiProd API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .AddPreferredSecuritySchemes(SchemeName));
        return app;
    }

    /// <summary>
    /// Lets the reference page run (the gateway's CSP allows nothing on HTML). Registered before the security headers,
    /// so its callback runs after theirs and its policy is the one sent, for <see cref="ReferencePath"/> only.
    /// </summary>
    public static WebApplication UseReferencePagePolicy(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(ReferencePath, StringComparison.OrdinalIgnoreCase))
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.ContentSecurityPolicy = ReferencePolicy;
                    return Task.CompletedTask;
                });
            return next(context);
        });
        return app;
    }

    private static void Problem(OpenApiOperation operation, OpenApiDocument document, int status)
    {
        operation.Responses ??= new OpenApiResponses();
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(code))
            return;
        operation.Responses[code] = new OpenApiResponse
        {
            Description = OpenApiCatalog.Meaning(status),
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) } },
        };
    }

    internal static OpenApiRequestBody Json(string description, params (string Name, JsonSchemaType Type, string About)[] properties) => new()
    {
        Required = true,
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = properties.ToDictionary(p => p.Name, p => (IOpenApiSchema)new OpenApiSchema { Type = p.Type, Description = p.About }),
                },
            },
        },
    };
}
