using AiProd.Bench;

// "pubsub" runs the Pub/Sub transport bench; anything else (including no command, or options only) the pipeline bench.
return args.FirstOrDefault() switch
{
    "pubsub" => await PubSubBench.RunAsync(args[1..]),
    "pipeline" => await PipelineBench.RunAsync(args[1..]),
    _ => await PipelineBench.RunAsync(args),
};
