using AiProd.Workers.Render;

var builder = AiProdService.CreateBuilder(args);
builder.AddRenderWorker();
await builder.BuildService().RunAsync();
