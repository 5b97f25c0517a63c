using System.CommandLine;
using System.Text.Json;
using AiProd.Contracts;
using AiProd.Embedded;
using AiProd.Transport.PubSub;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiProd.Cli;

/// <summary>
/// <c>aiprod topology</c>: every Pub/Sub topic and subscription each service creates and consumes, read from the bus each
/// role's own registration builds (nothing is asked of Pub/Sub unless <c>--apply</c>). The autoscalers scale each worker
/// on the subscriptions it lists.
/// </summary>
public static class TopologyCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var project = new Option<string>("--project") { Description = "Pub/Sub project id (default: PubSub:ProjectId, else 'aiprod').", };
        var prefix = new Option<string?>("--prefix") { Description = "Name prefix of the environment (PubSub:NamePrefix)." };
        var role = new Option<string?>("--role") { Description = "Only this service: gateway, orchestrator, creative-worker, financial-worker, render-worker, qa-worker or delivery-worker." };
        var json = new Option<bool>("--json") { Description = "Machine-readable output." };
        var apply = new Option<bool>("--apply") { Description = "Create every listed topic and subscription now (emulator from PUBSUB_EMULATOR_HOST, else Application Default Credentials)." };
        var command = new Command("topology", "List (or create) the Pub/Sub topics and subscriptions of every service.") { project, prefix, role, json, apply };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(project), parse.GetValue(prefix), parse.GetValue(role), parse.GetValue(json), parse.GetValue(apply), cancellationToken));
        return command;
    }

    /// <summary>Each service's topology: the gateway (public topics only), then every role behind it.</summary>
    public static IReadOnlyList<(string Service, PubSubTopology Topology)> Describe(string? projectId, string? prefix)
    {
        var roles = new List<(string Name, Func<IHostApplicationBuilder, IHostApplicationBuilder> Add)> { ("gateway", b => b.DeclareTopics(PublicTopics.All)) };
        roles.AddRange(PipelineRoles.All);
        // Every host stays alive until all are read: MassTransit keeps one process-wide log context, which a disposed
        // host's logger factory would break for the next bus.
        var hosts = roles.Select(r => (r.Name, Host: Host(projectId, prefix, b => r.Add(b)))).ToList();
        try
        {
            return [.. hosts.Select(h => (h.Name, h.Host.Services.GetRequiredService<IBusControl>().GetPubSubTopology().WithoutTemporaryEndpoints()))];
        }
        finally
        {
            foreach (var (_, host) in hosts)
                host.Dispose();
        }
    }

    private static async Task<int> RunAsync(string? projectId, string? prefix, string? only, bool json, bool apply, CancellationToken cancellationToken)
    {
        var services = Describe(projectId, prefix).Where(s => only is null || s.Service == only).ToList();
        if (services.Count == 0)
        {
            await Console.Error.WriteLineAsync($"--role: '{only}' is not a service; use gateway, {string.Join(", ", PipelineRoles.All.Select(r => r.Name))}.");
            return ExitCodes.Usage;
        }

        if (json)
            Console.WriteLine(JsonSerializer.Serialize(services.Select(s => ToJson(s.Service, s.Topology)), Json));
        else
            foreach (var (service, topology) in services)
                Print(service, topology);

        if (apply)
        {
            foreach (var (service, topology) in services)
            {
                using var host = Host(topology.ProjectId, topology.NamePrefix, _ => { });
                var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PubSubTransportOptions>>().Value;
                await PubSubTopologyDeployer.DeployAsync(options, topology, cancellationToken);
                await Console.Error.WriteLineAsync($"{service}: {topology.Topics.Count} topic(s) and {topology.Subscriptions.Count} subscription(s) exist.");
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>A service's host as its Program.cs builds it, on Pub/Sub, never started.</summary>
    private static IHost Host(string? projectId, string? prefix, Action<IHostApplicationBuilder> role)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration["Bus:Transport"] = "PubSub";
        builder.Configuration["PubSub:ProjectId"] = projectId ?? builder.Configuration["PubSub:ProjectId"] ?? "aiprod";
        if (prefix is not null)
            builder.Configuration["PubSub:NamePrefix"] = prefix;
        // Stores are not touched: only the bus is built, to read its endpoints.
        builder.Configuration["Saga:Store"] = "InMemory";
        builder.AddServiceDefaults();
        role(builder);
        builder.AddAiProdBus();
        // The service defaults add console logging (JSON on Pub/Sub); this command's stdout is its report only.
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private static void Print(string service, PubSubTopology topology)
    {
        Console.WriteLine(service);
        foreach (var topic in topology.PublishTopics)
            Console.WriteLine($"  publishes  {topic.TopicId}");
        foreach (var endpoint in topology.Endpoints)
        {
            foreach (var s in endpoint.Consumed)
                Console.WriteLine($"  consumes   {s.SubscriptionId}  <- topic {s.TopicId}{(s.Ordered ? "  (ordered)" : "")}");
            Console.WriteLine($"  faults to  {endpoint.Error.SubscriptionId}, unconsumed to {endpoint.Skipped.SubscriptionId}");
        }

        Console.WriteLine();
    }

    private static object ToJson(string service, PubSubTopology topology) => new
    {
        service,
        projectId = topology.ProjectId,
        namePrefix = topology.NamePrefix,
        publishes = topology.PublishTopics.Select(t => t.TopicId),
        consumes = topology.Endpoints.SelectMany(e => e.Consumed).Select(s => new { subscription = s.SubscriptionId, topic = s.TopicId, ordered = s.Ordered }),
        topics = topology.Topics.Select(t => t.TopicId),
        subscriptions = topology.Subscriptions.Select(s => new { subscription = s.SubscriptionId, topic = s.TopicId, ordered = s.Ordered }),
    };
}
