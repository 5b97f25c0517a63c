namespace AiProd.Providers.Tests.Stubs;

/// <summary>What a stub's finished job serves as its output file.</summary>
public enum StubOutput
{
    /// <summary>A real MP4 of the requested length.</summary>
    Valid,

    /// <summary>A real MP4 cut to its first third (unreadable).</summary>
    Truncated,

    /// <summary>Bytes that are not a video.</summary>
    Corrupt,

    /// <summary>A real MP4 of 1 s, far shorter than asked.</summary>
    TooShort,

    /// <summary>The output URL answers as expired (403 or 404, as the provider's storage does).</summary>
    Expired,
}

/// <summary>How a stub's job ends.</summary>
public enum StubEnding
{
    Succeed,
    Refuse,
    Fail,
}

internal static class StubOutputs
{
    public static byte[]? Bytes(StubOutput output, int seconds) => output switch
    {
        StubOutput.Valid => StubMedia.Clip(seconds),
        StubOutput.Truncated => StubMedia.Truncated(seconds),
        StubOutput.Corrupt => StubMedia.Garbage(),
        StubOutput.TooShort => StubMedia.Clip(1),
        _ => null,
    };
}
