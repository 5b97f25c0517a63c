using AiProd.Workers.Render;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AiProd.Bench.Scaling;

public static class FixedTimeRendererExtensions
{
    /// <summary>
    /// Replaces every renderer of the render role (after <c>AddRenderWorker</c>) with <see cref="FixedTimeShotRenderer"/>;
    /// options from section <c>BenchRender</c>. The render chain finds backends through <see cref="IShotRenderer"/>, so
    /// nothing else of the role changes: consumers, compose, asset store and bus are the product's.
    /// </summary>
    public static IHostApplicationBuilder AddFixedTimeRenderer(this IHostApplicationBuilder builder)
    {
        builder.Services.RemoveAll<IShotRenderer>();
        builder.Services.AddValidatedOptions<FixedTimeRenderOptions>(builder.Configuration, FixedTimeRenderOptions.Section);
        builder.Services.AddSingleton<TemplateClips>();
        builder.Services.AddSingleton<IShotRenderer, FixedTimeShotRenderer>();
        return builder;
    }
}
