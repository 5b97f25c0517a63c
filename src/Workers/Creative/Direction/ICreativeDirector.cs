using AiProd.Contracts;

namespace AiProd.Workers.Creative.Direction;

/// <summary>Turns a request into scenes. The offline director is deterministic; a hosted LLM director can replace it.</summary>
public interface ICreativeDirector
{
    Task<CreativeDirection> DirectAsync(DirectCreative command, CancellationToken cancellationToken);
}
