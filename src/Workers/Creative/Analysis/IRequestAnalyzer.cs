using AiProd.Contracts;

namespace AiProd.Workers.Creative.Analysis;

/// <summary>Scores a sanitized request's complexity and decides how many scenes it needs.</summary>
public interface IRequestAnalyzer
{
    RequestAnalysis Analyze(SanitizedRequest input);
}
