using System.Linq.Expressions;
using System.Reflection;
using AiProd.Contracts;
using MassTransit;

namespace AiProd.ServiceDefaults;

/// <summary>
/// Every contract that names a video carries that id as its MassTransit CorrelationId, so logs and transports see it:
/// on Pub/Sub it becomes the ordering key, and one video's messages are published in order.
/// </summary>
internal static class VideoCorrelation
{
    private static readonly MethodInfo UseMethod = typeof(VideoCorrelation).GetMethod(nameof(Use), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static void Apply(IBusFactoryConfigurator cfg)
    {
        var contracts = typeof(GenerateVideo).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetProperty(nameof(GenerateVideo.VideoId))?.PropertyType == typeof(Guid));
        foreach (var type in contracts)
            UseMethod.MakeGenericMethod(type).Invoke(null, [cfg]);
    }

    private static void Use<T>(IBusFactoryConfigurator cfg)
        where T : class
    {
        var message = Expression.Parameter(typeof(T));
        var videoId = Expression.Lambda<Func<T, Guid>>(Expression.Property(message, nameof(GenerateVideo.VideoId)), message).Compile();
        cfg.SendTopology.UseCorrelationId(videoId);
    }
}
