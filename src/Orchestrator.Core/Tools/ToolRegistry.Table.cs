namespace Orchestrator.Tools;

public sealed partial class ToolRegistry
{
    /// <summary>One version of the registry's contents; never changed once published.</summary>
    private sealed class ToolTable
    {
        public Dictionary<string, RegisteredTool> Tools { get; private init; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<string>> Groups { get; private init; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Aliases { get; private init; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Unavailable { get; private init; } = new(StringComparer.Ordinal);

        public ToolTable Copy() => new()
        {
            Tools = new(Tools, StringComparer.Ordinal),
            Groups = Groups.ToDictionary(g => g.Key, g => g.Value.ToList(), StringComparer.Ordinal),
            Aliases = new(Aliases, StringComparer.Ordinal),
            Unavailable = new(Unavailable, StringComparer.Ordinal),
        };

        public void Add(ToolDescriptor descriptor, string? group, string? alias)
        {
            Tools[descriptor.Name] = new RegisteredTool(null, descriptor);
            if (group is not null)
            {
                (Groups.TryGetValue(group, out var members) ? members : Groups[group] = []).Add(descriptor.Name);
                Aliases[$"{group}/{descriptor.Name}"] = descriptor.Name;
                Aliases.TryAdd($"{group}/{alias ?? descriptor.Name}", descriptor.Name);
            }
        }

        public IEnumerable<string> Expand(string name) =>
            Groups.TryGetValue(name, out var members) ? members
            : Aliases.TryGetValue(name, out var aliased) ? [aliased]
            : [name];
    }
}
