namespace Orchestrator.Tests.Support;

/// <summary>Finds the repository root (the folder with Orchestrator.sln) from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleConfig => Path.Combine(Root, "samples", "enterprise-assistant", "orchestrator.yaml");

    /// <summary>../shared beside the repository: datasets and models that only some machines have.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Copies the sample (config, agents, prompts, knowledge) into <paramref name="target"/> with the
    /// same relative layout, so a test can ingest and cache without touching the working tree.
    /// Returns the copied orchestrator.yaml.
    /// </summary>
    public static string CopySample(string target)
    {
        foreach (var folder in new[] { "agents", "prompts", Path.Combine("samples", "enterprise-assistant") })
        {
            CopyDirectory(Path.Combine(Root, folder), Path.Combine(target, folder));
        }

        SharedRouterCache.LinkInto(Path.Combine(target, "samples", "enterprise-assistant", ".orchestrator"));
        return Path.Combine(target, "samples", "enterprise-assistant", "orchestrator.yaml");
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith(".orchestrator", StringComparison.Ordinal))
            {
                continue;
            }

            var to = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
    }
}
