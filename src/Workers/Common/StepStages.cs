using AiProd.Contracts;

namespace AiProd.Workers.Common;

/// <summary>The pipeline stage each step command belongs to: what a failure the worker reports for it names.</summary>
public static class StepStages
{
    private static readonly Dictionary<Type, string> ByCommand = new()
    {
        [typeof(SanitizeInput)] = VideoStages.InputSanitizer,
        [typeof(AnalyzeRequest)] = VideoStages.Analysis,
        [typeof(DirectCreative)] = VideoStages.Creative,
        [typeof(TranslateVisuals)] = VideoStages.Visual,
        [typeof(EstimateCost)] = VideoStages.Financial,
        [typeof(RenderShot)] = VideoStages.Render,
        [typeof(ComposeVideo)] = VideoStages.Render,
        [typeof(RunTechnicalQa)] = VideoStages.QaTech,
        [typeof(RunSemanticQa)] = VideoStages.QaSemantic,
        [typeof(FinalizeVideo)] = VideoStages.Finalize,
    };

    /// <summary>The stage of <paramref name="command"/>; the type's name for a command this table does not know.</summary>
    public static string Of(Type command) => ByCommand.TryGetValue(command, out var stage) ? stage : command.Name;
}
