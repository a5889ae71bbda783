namespace Orchestrator.Configuration;

/// <summary>What loading or validating configuration produced: the model when valid, and every problem found.</summary>
public sealed class ConfigLoadResult
{
    /// <summary>The validated configuration; null whenever <see cref="Errors"/> is not empty, so nobody runs on half a config.</summary>
    public OrchestratorConfig? Config { get; init; }

    /// <summary>Agents that parsed cleanly; also filled by folder-only validation, where <see cref="Config"/> stays null.</summary>
    public IReadOnlyList<AgentDefinition> Agents { get; init; } = [];

    /// <summary>Every error found: orchestrator.yaml's first (its broken sections cause agent files' errors), then by file, line and column.</summary>
    public IReadOnlyList<ConfigError> Errors { get; init; } = [];

    /// <summary>Non-fatal findings, such as a model that nothing uses.</summary>
    public IReadOnlyList<ConfigError> Warnings { get; init; } = [];

    public bool Succeeded => Errors.Count == 0;
}
