namespace AiProd.Testing;

/// <summary>Where the repository is, and where its projects are built for the configuration the tests run in.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding AiProd.sln, found upwards from the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build output of <c>src/&lt;project&gt;</c> (e.g. "Workers/Render.Service") for the tests' configuration.</summary>
    public static string Built(string project, string file)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (bin.Name, bin.Parent!.Name);
        var path = Path.Combine(Root, "src", project, "bin", configuration, tfm, file);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{file} is not built at {path}: build the solution first.", path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiProd.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("AiProd.sln not found above " + AppContext.BaseDirectory);
    }
}
