using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.EndToEnd.Tests;

/// <summary>Settings of a gateway built in the test process (<c>GatewayApp.Build</c>) on a free loopback port.</summary>
internal static class InProcessGateway
{
    /// <summary>Its own folder and SQLite file, the tests' bootstrap key, and rate limits a polling test never reaches.</summary>
    public static IEnumerable<string> Settings(string folder) =>
    [
        "--urls", "http://127.0.0.1:0", "--Assets:Root", folder, "--Saga:ConnectionString", $"Data Source={folder}/aiprod.db",
        "--Logging:LogLevel:Default", "Warning", "--Auth:BootstrapKey", GatewayProcess.BootstrapKey,
        "--RateLimits:RequestsPerMinute", "1000000", "--RateLimits:Burst", "100000",
        "--RateLimits:AnonymousRequestsPerMinute", "1000000", "--RateLimits:AnonymousBurst", "100000",
    ];

    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
