namespace AiProd.Contracts;

/// <summary>
/// Why a video failed, as every user-visible failure reports it.
/// </summary>
/// <param name="Stage">The pipeline state the failure happened in (for example "QaTech").</param>
/// <param name="Code">A stable, machine-readable code such as "budget_exceeded".</param>
/// <param name="Message">A sentence a person can act on.</param>
/// <param name="Retryable">True when submitting the same request again can succeed.</param>
public sealed record VideoError(string Stage, string Code, string Message, bool Retryable);
