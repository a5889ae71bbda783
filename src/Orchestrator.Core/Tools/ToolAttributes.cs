namespace Orchestrator.Tools;

/// <summary>Example requests for a tool method; the deterministic selector embeds them beside the description.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ToolExamplesAttribute(params string[] examples) : Attribute
{
    public IReadOnlyList<string> Examples { get; } = examples;
}

/// <summary>
/// Words users say for an enum value of one parameter, as <c>synonym=VALUE</c> pairs (e.g. <c>urgent=P1</c>),
/// so deterministic extraction can map "urgent" to the schema's P1.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ToolSynonymsAttribute(string parameter, params string[] pairs) : Attribute
{
    public string Parameter { get; } = parameter;

    public IReadOnlyList<string> Pairs { get; } = pairs;
}
