using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiProd.Deploy.Tests.Support;

/// <summary>
/// One role built in this process exactly as its service builds it, configured with nothing but a Deployment's
/// environment; never started. Every options class it registers is bound at once, so <see cref="KeysRead"/> holds
/// every configuration key the role reads.
/// </summary>
public sealed class RoleHost : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles };

    private RoleHost(string role, WebApplication app, RecordingConfigurationSource source, IReadOnlyDictionary<string, string> options)
    {
        Role = role;
        App = app;
        KeysRead = source.KeysRead;
        Options = options;
    }

    public string Role { get; }

    public WebApplication App { get; }

    public IReadOnlySet<string> KeysRead { get; }

    /// <summary>Every bound options instance as JSON, by type and name: what the role's configuration came to.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>How long the host waits for its services (the bus's graceful stop) on SIGTERM.</summary>
    public TimeSpan ShutdownTimeout => App.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

    /// <summary>The route patterns the role maps, with a leading slash.</summary>
    public IReadOnlyList<string> Routes =>
        [.. ((IEndpointRouteBuilder)App).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))];

    /// <summary>The start-up checks (every ValidateOnStart options class); throws what the service would refuse to start with.</summary>
    public void ValidateOnStart() => App.Services.GetRequiredService<IStartupValidator>().Validate();

    /// <summary>
    /// Builds <paramref name="role"/> with <paramref name="environment"/>: configuration keys through a recording source,
    /// plain process variables (PUBSUB_EMULATOR_HOST) set in this process while it binds, as a pod has them.
    /// </summary>
    public static RoleHost Build(string role, IEnumerable<EnvironmentEntry> environment)
    {
        var entries = environment.ToList();
        var source = new RecordingConfigurationSource(entries.ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.OrdinalIgnoreCase));
        var variables = entries.Where(e => e.IsProcessVariable).ToList();
        var previous = variables.ToDictionary(v => v.Name, v => Environment.GetEnvironmentVariable(v.Name));
        foreach (var v in variables)
            Environment.SetEnvironmentVariable(v.Name, v.Value);
        try
        {
            var (app, services) = Roles.Build(role, source);
            return new RoleHost(role, app, source, BindAll(app, services));
        }
        finally
        {
            foreach (var (name, value) in previous)
                Environment.SetEnvironmentVariable(name, value);
        }
    }

    // Options bound from configuration register an IOptionsChangeTokenSource<T> with their name (OptionsBuilder.Bind).
    private static Dictionary<string, string> BindAll(WebApplication app, IServiceCollection services)
    {
        var bound = new Dictionary<string, string>(StringComparer.Ordinal);
        var types = services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0]).Distinct();
        foreach (var type in types)
        {
            var tokenSources = (IEnumerable<object>)app.Services.GetServices(typeof(IOptionsChangeTokenSource<>).MakeGenericType(type));
            var monitor = app.Services.GetRequiredService(typeof(IOptionsMonitor<>).MakeGenericType(type));
            var get = monitor.GetType().GetMethod(nameof(IOptionsMonitor<object>.Get), [typeof(string)])!;
            foreach (var name in tokenSources.Select(s => (string?)s.GetType().GetProperty("Name")!.GetValue(s) ?? Microsoft.Extensions.Options.Options.DefaultName).Distinct())
            {
                string snapshot;
                try
                {
                    var value = get.Invoke(monitor, [name]);
                    snapshot = JsonSerializer.Serialize(value, type, Json);
                }
                catch (TargetInvocationException e) when (e.InnerException is OptionsValidationException)
                {
                    snapshot = "invalid: " + e.InnerException.Message;
                }
                catch (NotSupportedException e)
                {
                    snapshot = "not serializable: " + e.Message;
                }

                bound[$"{type.FullName}[{name}]"] = snapshot;
            }
        }

        return bound;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
