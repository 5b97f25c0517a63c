namespace AiProd.Workers.Creative.Direction;

/// <summary>
/// Spreads the five beats of a classic arc over any number of scenes. The climax sits at about 60% of the video;
/// scenes before it rise, scenes after it fall, and the first and last scenes set up and resolve.
/// </summary>
public static class NarrativeArc
{
    public const string Setup = "setup";
    public const string Rising = "rising";
    public const string Climax = "climax";
    public const string Falling = "falling";
    public const string Resolution = "resolution";

    /// <summary>The beat of every scene, in order.</summary>
    /// <remarks>
    /// One scene carries the whole idea, so it is the climax: its payoff matters more than an introduction.
    /// Two scenes are a setup and its payoff (climax).
    /// </remarks>
    public static IReadOnlyList<string> Beats(int sceneCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sceneCount, 1);
        switch (sceneCount)
        {
            case 1:
                return [Climax];
            case 2:
                return [Setup, Climax];
        }

        var climax = Math.Clamp((int)Math.Round((sceneCount - 1) * 0.6, MidpointRounding.AwayFromZero), 1, sceneCount - 2);
        return Enumerable.Range(0, sceneCount).Select(i =>
            i == 0 ? Setup
            : i == sceneCount - 1 ? Resolution
            : i < climax ? Rising
            : i == climax ? Climax
            : Falling).ToList();
    }

    /// <summary>How much screen time a beat gets relative to the others: the climax lingers, falling action is brisk.</summary>
    public static double Weight(string beat) => beat switch
    {
        Climax => 1.4,
        Setup => 1.1,
        Resolution => 1.0,
        Rising => 1.0,
        Falling => 0.8,
        _ => 1.0,
    };
}
