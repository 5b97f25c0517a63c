using AiProd.Bench;
using AiProd.Bench.Gateway;
using AiProd.Bench.Orchestration;
using AiProd.Bench.Scaling;
using AiProd.Bench.Store;

// "pubsub" runs the Pub/Sub transport bench, "scaling" the render-worker scaling bench, "store" the reads as history grows,
// "orchestration" the saga's own cost, "fanin" a 50-shot render fan-in racing on one saga document, "generate" aiprod generate against ffmpeg alone (three cases, SSIM against the old
// path), "clipindex" the render step's clip index from ffprobe against the MP4's boxes, "gateway" the HTTP gateway under wrk against bare Kestrel, "rss" every service's idle memory; anything else (including no
// command, or options only) the pipeline bench. "render-worker" (hidden) is the scaling bench's render worker process;
// started as a service it gets only --urls, so its command comes from AIPROD_BENCH_COMMAND.
var command = Environment.GetEnvironmentVariable(RenderWorkerCommand.Variable) ?? args.FirstOrDefault();
return command switch
{
    "pubsub" => await PubSubBench.RunAsync(args[1..]),
    "scaling" => await ScalingBench.RunAsync(args[1..]),
    "store" => await StoreBench.RunAsync(args[1..]),
    "orchestration" => await OrchestrationBench.RunAsync(args[1..]),
    "fanin" => await FanInBench.RunAsync(args[1..]),
    "pipeline" => await PipelineBench.RunAsync(args[1..]),
    "generate" => await GenerateBench.RunAsync(args[1..]),
    "clipindex" => await ClipIndexBench.RunAsync(args[1..]),
    "gateway" => await GatewayBench.RunAsync(args[1..]),
    "rss" => await ServiceMemoryBench.RunAsync(args[1..]),
    RenderWorkerCommand.Name => await RenderWorkerCommand.RunAsync(args.FirstOrDefault() == RenderWorkerCommand.Name ? args[1..] : args),
    _ => await PipelineBench.RunAsync(args),
};
