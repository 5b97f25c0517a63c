namespace AiProd.Contracts;

/// <summary>Changes to one shot of the plan (<see cref="EditPlan"/>); a null field stays as it is.</summary>
/// <param name="ShotId">The shot's <see cref="Shot.ShotId"/>.</param>
public sealed record ShotEdit(string ShotId)
{
    /// <summary>What the shot shows (its <see cref="Shot.Description"/>, the render prompt).</summary>
    public string? Prompt { get; init; }

    /// <summary>Its visible length in seconds.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>The camera movement (<see cref="Shot.Movement"/>: static, pan left, push in …).</summary>
    public string? Camera { get; init; }
}
