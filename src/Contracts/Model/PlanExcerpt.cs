namespace AiProd.Contracts;

/// <summary>
/// The stretch of the plan around one shot that its render step needs to lay out the transition windows on the shot's
/// two sides (<see cref="RenderShot.Neighbours"/>): up to two shots before it and two after it, itself included, in the
/// plan's order. Its size does not grow with the plan.
/// </summary>
/// <param name="FirstIndex">The 0-based position in the ordered plan of the first shot in <paramref name="Shots"/>.</param>
/// <param name="ShotCount">How many shots the whole plan has.</param>
/// <param name="SecondsBefore">
/// The visible seconds of the plan's shots before the first one here, summed one after the other from the first shot (so
/// the frame boundaries round as they do over the whole plan).
/// </param>
/// <param name="Shots">The shots, in order: what their frames on the video's grid depend on.</param>
public sealed record PlanExcerpt(int FirstIndex, int ShotCount, double SecondsBefore, IReadOnlyList<PlannedLength> Shots);
