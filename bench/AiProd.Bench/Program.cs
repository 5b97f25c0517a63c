using AiProd.Bench;

return await PipelineBench.RunAsync(args);
