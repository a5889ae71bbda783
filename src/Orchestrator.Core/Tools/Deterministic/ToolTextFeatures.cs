using System.Runtime.CompilerServices;

namespace Orchestrator.Tools.Deterministic;

/// <summary>
/// What the selector's evidence reads from a tool regardless of the request: the stems of its whole
/// text, of its name and of its object phrase, the phrases of its required parameters and their
/// count. All are pure functions of the descriptor, an immutable record the registry keeps for the
/// process, so they are computed once per descriptor instance instead of once per request (the
/// tool's whole text, examples included, was regex-split on every tool request: docs/benchmarks.md,
/// "perf20"). A descriptor built afresh (a test, an MCP list refreshed) simply gets its own entry,
/// which goes with it.
/// </summary>
internal sealed class ToolTextFeatures
{
    private static readonly ConditionalWeakTable<ToolDescriptor, ToolTextFeatures> ByTool = new();

    private ToolTextFeatures(ToolDescriptor tool)
    {
        ToolStems = LexicalOverlap.Stems(LexicalOverlap.ToolText(tool));
        NameStems = LexicalOverlap.Stems(ToolSelector.Humanize(tool.Name));
        ObjectPhrase = Grounding.ObjectPhrase(tool);
        ObjectStems = LexicalOverlap.Stems(ObjectPhrase);
        RequiredParameterPhrases = Grounding.RequiredParameterPhrases(tool);
        RequiredCount = ToolSchemaValidator.RequiredNames(tool.ParametersSchema).Count;
    }

    /// <summary><see cref="LexicalOverlap.Stems"/> of <see cref="LexicalOverlap.ToolText"/>. Shared: read only.</summary>
    public IReadOnlySet<string> ToolStems { get; }

    /// <summary>Stems of the humanized tool name. Shared: read only.</summary>
    public IReadOnlySet<string> NameStems { get; }

    /// <summary><see cref="Grounding.ObjectPhrase"/>.</summary>
    public string ObjectPhrase { get; }

    /// <summary>Stems of <see cref="ObjectPhrase"/>. Shared: read only.</summary>
    public IReadOnlySet<string> ObjectStems { get; }

    /// <summary><see cref="Grounding.RequiredParameterPhrases"/>.</summary>
    public IReadOnlyList<string> RequiredParameterPhrases { get; }

    /// <summary>How many parameters the schema requires.</summary>
    public int RequiredCount { get; }

    public static ToolTextFeatures Of(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return ByTool.GetValue(tool, static t => new ToolTextFeatures(t));
    }

    /// <summary>The same analysis, never from or into the shared table (tests compare the two).</summary>
    internal static ToolTextFeatures Compute(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return new ToolTextFeatures(tool);
    }
}
