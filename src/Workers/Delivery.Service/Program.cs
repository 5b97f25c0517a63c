using AiProd.Workers.Delivery;

var builder = AiProdService.CreateBuilder(args);
builder.AddDeliveryWorker();
await builder.BuildService().RunAsync();
