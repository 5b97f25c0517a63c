using MassTransit;
using Microsoft.Extensions.Hosting;

namespace AiProd.ServiceDefaults;

/// <summary>
/// What each role adds to the one bus of its host (consumers, sagas, published topics), collected until the host
/// builds the bus. MassTransit takes its whole registration in one <c>AddMassTransit</c> call, so the roles a host
/// runs cannot call it themselves.
/// </summary>
internal sealed class BusParts
{
    private static readonly object Key = typeof(BusParts);

    public List<Action<IBusRegistrationConfigurator>> Registrations { get; } = [];

    /// <summary>Message types whose topics must exist before anything is published (the public contract).</summary>
    public HashSet<Type> DeclaredTopics { get; } = [];

    public bool Built { get; set; }

    public static BusParts Of(IHostApplicationBuilder builder)
    {
        if (!builder.Properties.TryGetValue(Key, out var parts))
            builder.Properties[Key] = parts = new BusParts();
        return (BusParts)parts;
    }
}
