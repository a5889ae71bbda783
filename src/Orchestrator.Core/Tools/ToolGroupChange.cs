namespace Orchestrator.Tools;

/// <summary>What <see cref="ToolRegistry.ReplaceGroup"/> did: names added, updated and removed, and per offered tool whether its name was taken.</summary>
internal sealed class ToolGroupChange(int offered)
{
    public List<string> Added { get; } = [];

    public List<string> Updated { get; } = [];

    public List<string> Removed { get; } = [];

    /// <summary>Per offered tool: true when another group or a local tool holds its name (or an earlier tool of the same list took it), so it was left out.</summary>
    public bool[] Taken { get; } = new bool[offered];

    public bool Any => Added.Count + Updated.Count + Removed.Count > 0;
}
