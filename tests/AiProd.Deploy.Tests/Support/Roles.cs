using AiProd.Embedded;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.Deploy.Tests.Support;

/// <summary>
/// Every deployable by the name its Deployment, topics and image carry, and how its Program.cs builds it: the gateway
/// (GatewayApp), and each role behind it from <see cref="PipelineRoles"/> on <see cref="AiProdService"/>'s builder.
/// </summary>
public static class Roles
{
    public const string Gateway = "gateway";

    public static IReadOnlyList<string> All { get; } = [Gateway, .. PipelineRoles.All.Select(r => r.Name)];

    /// <summary>The role's web application with <paramref name="source"/> as its last configuration source, not started, and its services.</summary>
    public static (WebApplication App, IServiceCollection Services) Build(string role, IConfigurationSource source)
    {
        if (role == Gateway)
        {
            var gateway = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
            ((IConfigurationBuilder)gateway.Configuration).Add(source);
            gateway.AddServiceDefaults();
            gateway.AddGateway();
            return (gateway.BuildService(), gateway.Services);
        }

        var add = PipelineRoles.All.Single(r => r.Name == role).Add;
        var builder = AiProdService.CreateBuilder([]);
        ((IConfigurationBuilder)builder.Configuration).Add(source);
        add(builder);
        return (builder.BuildService(), builder.Services);
    }
}
