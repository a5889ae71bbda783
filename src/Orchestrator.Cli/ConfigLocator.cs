namespace Orchestrator.Cli;

/// <summary>
/// Finds the configuration file: <c>--config</c> when given, else <c>./orchestrator.yaml</c>, else the
/// sample shipped in <c>samples/enterprise-assistant/</c>, looked for upward from the working folder
/// and from the program's own folder so a fresh clone works with no setup.
/// </summary>
internal static class ConfigLocator
{
    public const string DefaultFileName = "orchestrator.yaml";
    public const string SampleRelativePath = "samples/enterprise-assistant/orchestrator.yaml";

    public static string Resolve(string? explicitPath, string workingDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath, workingDirectory);
            if (File.Exists(full))
            {
                return full;
            }

            throw new UsageException(Directory.Exists(full)
                ? $"--config: '{explicitPath}' is a folder; pass the orchestrator.yaml file inside it"
                : $"--config: file '{explicitPath}' not found; pass the path of an orchestrator.yaml");
        }

        var local = Path.Combine(workingDirectory, DefaultFileName);
        if (File.Exists(local))
        {
            return local;
        }

        foreach (var start in new[] { workingDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var sample = Path.Combine(dir.FullName, SampleRelativePath);
                if (File.Exists(sample))
                {
                    return sample;
                }
            }
        }

        throw new UsageException(
            $"no configuration found: there is no ./{DefaultFileName} and the sample ({SampleRelativePath}) is not above this folder; pass --config <file>");
    }
}
