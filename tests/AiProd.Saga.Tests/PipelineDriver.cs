using AiProd.Contracts;

namespace AiProd.Saga.Tests;

/// <summary>Plays every worker's happy path, so a test can bring a video to the state it is about.</summary>
public abstract class PipelineDriver : SagaTestBase
{
    protected VideoRequest Request { get; set; } = Samples.Request();

    protected async Task Start()
    {
        await Publish(new GenerateVideo(VideoId, Request));
        await InState(m => m.InputSanitizer);
    }

    protected async Task ToCreative(int scenes = 2)
    {
        await Start();
        var sanitize = await Published<SanitizeInput>();
        await Publish(new InputSanitized(VideoId, sanitize.Attempt, Samples.Sanitized(Request)));
        var analyze = await Published<AnalyzeRequest>();
        await Publish(new RequestAnalyzed(VideoId, analyze.Attempt, Samples.Analysis(scenes)));
        await InState(m => m.Creative);
    }

    /// <summary>From Creative (any attempt) to Render with <paramref name="shots"/> shots.</summary>
    protected async Task<List<Shot>> DirectAndEstimate(int shots)
    {
        var plan = await PlanAndEstimate(shots);
        await InState(m => m.Render);
        return plan;
    }

    /// <summary>From Creative (any attempt) through the cost estimate; where the video goes next is the test's to check.</summary>
    protected async Task<List<Shot>> PlanAndEstimate(int shots)
    {
        var direct = (await Published<DirectCreative>(d => d.Attempt == Current()!.StageAttempt));
        await Publish(new CreativeDirected(VideoId, direct.Attempt, Samples.Direction(direct.Attempt)));
        var translate = await Published<TranslateVisuals>(t => t.Direction.Attempt == direct.Attempt);
        var plan = Samples.Shots(direct.Attempt, shots);
        await Publish(new VisualsTranslated(VideoId, translate.Attempt, plan));
        var estimate = await Published<EstimateCost>(e => e.Shots[0].ShotId == plan[0].ShotId);
        await Publish(new CostEstimated(VideoId, estimate.Attempt, Samples.Estimate()));
        return plan;
    }

    protected async Task<List<Shot>> ToRender(int shots = 3)
    {
        await ToCreative();
        return await DirectAndEstimate(shots);
    }

    /// <summary>Answers every RenderShot of the current render round, then the ComposeVideo.</summary>
    protected async Task RenderAndCompose()
    {
        var round = Current()!.StageAttempt;
        var missing = Current()!.Shots.Where(s => !Current()!.RenderedShots.ContainsKey(s.ShotId)).ToList();
        foreach (var shot in missing)
        {
            var command = await Published<RenderShot>(r => r.Shot.ShotId == shot.ShotId && r.Attempt == round);
            await Publish(new ShotRendered(VideoId, command.Attempt, Samples.Rendered(shot, command.Attempt)));
        }

        var compose = await Published<ComposeVideo>(c => c.Attempt == round);
        var timeline = compose.Shots.Select(s => new ShotTiming(s.ShotId, s.Order * s.DurationSeconds, s.DurationSeconds)).ToList();
        await Publish(new VideoComposed(VideoId, compose.Attempt, $"file:///tmp/composed-a{round}.mp4", 10.0, timeline));
        await InState(m => m.QaTech);
    }

    protected async Task AnswerTechnicalQa(TechnicalQaReport report)
    {
        var run = await Published<RunTechnicalQa>(r => r.Attempt == Current()!.StageAttempt);
        await Publish(new TechnicalQaCompleted(VideoId, run.Attempt, report));
    }

    protected async Task AnswerSemanticQa(double overall)
    {
        await InState(m => m.QaSemantic);
        var run = await Published<RunSemanticQa>(r => r.Attempt == Current()!.StageAttempt);
        await Publish(new SemanticQaCompleted(VideoId, run.Attempt, Samples.Semantic(overall)));
    }

    protected async Task ToQaSemantic(int shots = 3)
    {
        await ToRender(shots);
        await RenderAndCompose();
        await AnswerTechnicalQa(Samples.TechPass());
        await InState(m => m.QaSemantic);
    }
}
