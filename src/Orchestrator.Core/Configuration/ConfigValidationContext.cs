namespace Orchestrator.Configuration;

/// <summary>
/// Names that modules outside configuration own (registered tools, guardian checks). Modules add their
/// names here before loading, so agent files can be checked against what actually exists.
/// </summary>
public sealed class ConfigValidationContext
{
    public static IReadOnlyList<string> BuiltInGuardianChecks { get; } = ["groundedness", "pii", "links", "relevance", "model-harm", "model-groundedness", "model-relevance", "harm", "injection"];

    /// <summary>Checks that need <c>guardian: { model: ... }</c> in orchestrator.yaml.</summary>
    public static IReadOnlyList<string> ModelGuardianChecks { get; } = ["model-harm", "model-groundedness", "model-relevance"];

    /// <summary>Registered tool names an agent's <c>tools:</c> may list. Empty until tools are registered.</summary>
    public ISet<string> ToolNames { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Checks the prompt templates in the configured prompts folder (the prompts module sets this; null
    /// skips the check). Returns one error per broken template.
    /// </summary>
    public Func<string, IReadOnlyList<ConfigError>>? PromptsValidator { get; set; }

    /// <summary>
    /// Agents the host serves with a specialist of its own (<c>AddSpecialist&lt;T&gt;("agent")</c>, case-insensitive):
    /// such an agent answers without a <c>model</c>, so the "generation agent without model" warning is not given.
    /// </summary>
    public ISet<string> SpecialistAgents { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Agent kinds the host serves with a specialist of its own (<c>AddSpecialist&lt;T&gt;(AgentKind)</c>).</summary>
    public ISet<AgentKind> SpecialistKinds { get; } = new HashSet<AgentKind>();

    /// <summary>Guardian check names an agent's <c>guardian:</c> may list.</summary>
    public ISet<string> GuardianChecks { get; } = new HashSet<string>(BuiltInGuardianChecks, StringComparer.Ordinal);
}
