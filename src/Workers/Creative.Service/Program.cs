using AiProd.Workers.Creative;

var builder = AiProdService.CreateBuilder(args);
builder.AddCreativeWorker();
await builder.BuildService().RunAsync();
