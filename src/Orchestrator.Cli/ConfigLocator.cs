namespace Orchestrator.Cli;

/// <summary>
/// Finds the configuration file: <c>--config</c> when given, else <c>./orchestrator.yaml</c>, else, only
/// when the working folder is inside an Orchestrator checkout, the sample shipped in
/// <c>samples/enterprise-assistant/</c>, so a fresh clone works with no setup. Outside a checkout there
/// is no silent fallback: the user is told to run <c>orchestrator init</c> or pass <c>--config</c>.
/// </summary>
internal static class ConfigLocator
{
    public const string DefaultFileName = "orchestrator.yaml";
    public const string SampleRelativePath = "samples/enterprise-assistant/orchestrator.yaml";

    /// <summary>The file at a checkout's root that, with the sample, marks the checkout.</summary>
    public const string SolutionFileName = "Orchestrator.sln";

    public static ConfigLocation Locate(string? explicitPath, string workingDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath, workingDirectory);
            if (File.Exists(full))
            {
                return new ConfigLocation(full, IsSample: false);
            }

            throw new UsageException(Directory.Exists(full)
                ? $"--config: '{explicitPath}' is a folder; pass the orchestrator.yaml file inside it"
                : $"--config: file '{explicitPath}' not found; pass the path of an orchestrator.yaml");
        }

        var local = Path.Combine(Path.GetFullPath(workingDirectory), DefaultFileName);
        if (File.Exists(local))
        {
            return new ConfigLocation(local, IsSample: false);
        }

        if (FindCheckout(workingDirectory) is { } checkout)
        {
            return new ConfigLocation(Path.GetFullPath(Path.Combine(checkout, SampleRelativePath)), IsSample: true);
        }

        throw new UsageException(
            $"no configuration found: there is no ./{DefaultFileName} in {workingDirectory} and no --config was given. " +
            $"Create an assistant with 'orchestrator init <dir>' and run from that folder, or pass --config <path to an {DefaultFileName}>");
    }

    /// <summary>
    /// The root of the Orchestrator checkout that holds <paramref name="workingDirectory"/>: the nearest
    /// folder at or above it with both <c>Orchestrator.sln</c> and the sample configuration; null outside one.
    /// </summary>
    public static string? FindCheckout(string workingDirectory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(workingDirectory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)) && File.Exists(Path.Combine(dir.FullName, SampleRelativePath)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
