using AiProd.Workers.Render;
using Microsoft.Extensions.Hosting;

namespace AiProd.Bench.Scaling;

/// <summary>
/// The hidden command <c>render-worker</c>: a render worker host exactly like <c>src/Workers/Render.Service</c>, with the
/// fixed-time renderer. The scaling bench starts it as a service; <see cref="Variable"/> names the command then, since a
/// service is started with <c>--urls</c> only.
/// </summary>
public static class RenderWorkerCommand
{
    public const string Name = "render-worker";

    public const string Variable = "AIPROD_BENCH_COMMAND";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = AiProdService.CreateBuilder(args);
        builder.AddRenderWorker().AddFixedTimeRenderer();
        await builder.BuildService().RunAsync();
        return 0;
    }
}
