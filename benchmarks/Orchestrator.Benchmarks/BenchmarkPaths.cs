namespace Orchestrator.Benchmarks;

/// <summary>The repository root (the folder holding Orchestrator.sln above the running binary).</summary>
internal static class BenchmarkPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
