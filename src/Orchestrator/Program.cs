using AiProd.Orchestration;

// Every replica must share one store: Firestore unless configured otherwise.
var builder = AiProdService.CreateBuilder(args, ("Saga:Store", "Firestore"));
builder.AddOrchestrator();
await builder.BuildService().RunAsync();
