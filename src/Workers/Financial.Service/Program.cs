using AiProd.Workers.Financial;

var builder = AiProdService.CreateBuilder(args);
builder.AddFinancialWorker();
await builder.BuildService().RunAsync();
