using AiProd.Contracts;

namespace AiProd.Workers.Creative.Visual;

/// <summary>Turns scenes into 1–5 shots each, with renderable technical specs.</summary>
public interface IVisualTranslator
{
    IReadOnlyList<Shot> Translate(VideoRequest request, CreativeDirection direction);
}
