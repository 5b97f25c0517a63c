using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AiProd.Embedded;

/// <summary>Embedded mode: every role in one process, the sum of the roles' own registrations.</summary>
public static class EmbeddedPipelineExtensions
{
    /// <summary>Which roles an embedded host runs: a comma-separated list of <see cref="PipelineRoles"/> names; unset, all of them.</summary>
    public const string RolesSetting = "Embedded:Roles";

    /// <summary>
    /// The orchestrator and the creative, financial, render, QA and delivery workers in this host, exactly as their
    /// own services register them. On the in-memory bus (the default) that is the whole product on one machine; on
    /// Pub/Sub this process takes its share of every role's work beside any separate services. <see cref="RolesSetting"/>
    /// narrows the set: a role left out is not consumed here, so its commands wait on its endpoint (the gateway bench
    /// holds the pipeline at the first worker this way, so it measures submissions and not ffmpeg).
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddedPipeline(this IHostApplicationBuilder builder)
    {
        var names = Roles(builder.Configuration[RolesSetting]);
        foreach (var (name, add) in PipelineRoles.All)
        {
            if (names is null || names.Contains(name))
                add(builder);
        }

        return builder;
    }

    /// <summary>The roles a setting names (null: all); an unknown name is refused, naming the setting.</summary>
    public static IReadOnlySet<string>? Roles(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
            return null;
        var names = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var known = PipelineRoles.All.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        if (names.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
            throw new InvalidOperationException($"{RolesSetting}: '{unknown}' is not a role; use {string.Join(", ", known)}.");
        return names;
    }
}
