namespace AiProd.Cli;

/// <summary>Process exit codes, as documented in the README.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The video failed, or the file failed QA.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the request was invalid, or the file does not exist.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C) or timed out.</summary>
    public const int Interrupted = 130;
}
