namespace AiProd.Media;

/// <summary>Removes scratch files (filter scripts, caption text) without letting cleanup fail the real work.</summary>
public static class ScratchFile
{
    public static void TryDelete(string? file)
    {
        try
        {
            if (file is not null)
                File.Delete(file);
        }
        catch (IOException)
        {
            // A leftover scratch file is harmless; failing a render because of it is not.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
