using AiProd.Orchestration;

var builder = AiProdService.CreateBuilder(args);
builder.AddOrchestrator();
await builder.BuildService().RunAsync();
