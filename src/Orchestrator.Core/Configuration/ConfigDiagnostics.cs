using YamlDotNet.Core;

namespace Orchestrator.Configuration;

/// <summary>Collects every error and warning instead of stopping at the first, so one run shows all problems.</summary>
internal sealed class ConfigDiagnostics
{
    private readonly List<ConfigError> _errors = [];
    private readonly List<ConfigError> _warnings = [];

    public bool HasErrors => _errors.Count > 0;

    /// <summary>
    /// orchestrator.yaml as displayed: its problems are listed before the agent files', since a broken section there
    /// (a misspelt <c>collections:</c>) is usually the cause of what the agent files report.
    /// </summary>
    public string? PrimaryFile { get; set; }

    public int ErrorCount => _errors.Count;

    public void Error(string file, Mark at, string message) => _errors.Add(Create(file, at, message));

    public void Error(string file, string message) => _errors.Add(new ConfigError(file, 0, 0, message));

    /// <summary>An error found by a checker outside the YAML parser (prompt templates).</summary>
    public void Add(ConfigError error) => _errors.Add(error);

    public void Warning(string file, Mark at, string message) => _warnings.Add(Create(file, at, message));

    public IReadOnlyList<ConfigError> Errors => Sorted(_errors);

    public IReadOnlyList<ConfigError> Warnings => Sorted(_warnings);

    /// <summary>The path relative to the working directory when it lies below it, else absolute: what a user typed or can click.</summary>
    public static string DisplayPath(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return outside ? full : relative;
    }

    private static ConfigError Create(string file, Mark at, string message) =>
        new(file, (int)Math.Min(at.Line, int.MaxValue), (int)Math.Min(at.Column, int.MaxValue), message);

    private ConfigError[] Sorted(List<ConfigError> items) =>
        [.. items.OrderBy(e => e.File != PrimaryFile).ThenBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)];
}
