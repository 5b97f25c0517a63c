namespace AiProd.Contracts;

/// <summary>Concrete, renderable parameters of a shot, derived from the scene's words.</summary>
/// <param name="Width">Frame width in pixels (even).</param>
/// <param name="Height">Frame height in pixels (even).</param>
/// <param name="FrameRate">Frames per second.</param>
/// <param name="PrimaryColor">Dominant colour as "#rrggbb".</param>
/// <param name="SecondaryColor">Accent colour as "#rrggbb".</param>
/// <param name="Brightness">Overall exposure, 0.2 (dark) to 1 (bright).</param>
/// <param name="MotionIntensity">0 (almost still) to 1 (fast); how much the picture moves.</param>
/// <param name="Pattern">The procedural visual the local renderer draws: "gradient", "waves", "particles", "rings" or "bars".</param>
/// <param name="Caption">Text drawn on the frame (may be empty).</param>
public sealed record ShotSpec(
    int Width,
    int Height,
    int FrameRate,
    string PrimaryColor,
    string SecondaryColor,
    double Brightness,
    double MotionIntensity,
    string Pattern,
    string Caption);
