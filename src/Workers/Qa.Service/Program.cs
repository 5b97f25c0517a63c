using AiProd.Workers.Qa;

var builder = AiProdService.CreateBuilder(args);
builder.AddQaWorker();
await builder.BuildService().RunAsync();
