namespace Orchestrator.Cli;

/// <summary>The configuration file a command uses, and whether it is the repository's sample (the fallback).</summary>
internal sealed record ConfigLocation(string Path, bool IsSample)
{
    /// <summary>The stderr line every configuration-loading command prints, so the user sees which file is in use.</summary>
    public string Describe() => IsSample
        ? $"using config: {Path} (the repository's sample: no ./{ConfigLocator.DefaultFileName} here and no --config; create your own with 'orchestrator init <dir>')"
        : $"using config: {Path}";
}
