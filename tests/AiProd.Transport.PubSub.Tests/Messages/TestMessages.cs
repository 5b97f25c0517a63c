namespace AiProd.Transport.PubSub.Tests.Messages;

public sealed record Ping(Guid CorrelationId, int Number);

public sealed record Order(Guid CorrelationId, int Sequence);

public sealed record CheckStock(string Sku);

public sealed record StockLevel(string Sku, int Quantity);

public sealed record Explode(Guid CorrelationId, string Reason);

public sealed record Unwanted(Guid CorrelationId);

public sealed record SlowJob(Guid CorrelationId, int Number, int Milliseconds);

public sealed record JobSubmitted(Guid CorrelationId, string Name);

public sealed record JobStepDone(Guid CorrelationId, int Step);

public sealed record JobTimedOut(Guid CorrelationId);

public sealed record JobFinished(Guid CorrelationId, string Name, int Steps, bool TimedOut);

public interface IJobMessage
{
    Guid CorrelationId { get; }
}

public sealed record Breaks(Guid CorrelationId) : IJobMessage;
