using System.Collections.Concurrent;
using AiProd.Cli;

namespace AiProd.Deploy.Tests.Support;

/// <summary>The subscriptions each service consumes, from the buses the services build (what <c>aiprod topology</c> prints).</summary>
public static class Topology
{
    private static readonly ConcurrentDictionary<(string, string), Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>>> Cache = new();

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Consumed(string projectId, string prefix) =>
        Cache.GetOrAdd((projectId, prefix), k => new(() => TopologyCommand.Describe(k.Item1, k.Item2).ToDictionary(
            s => s.Service,
            s => (IReadOnlyList<string>)[.. s.Topology.Endpoints.SelectMany(e => e.Consumed).Select(c => c.SubscriptionId)]))).Value;
}
