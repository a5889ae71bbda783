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
            Tools[descriptor.Name] = new RegisteredTool(null, descriptor, alias);
            if (group is not null)
            {
                (Groups.TryGetValue(group, out var members) ? members : Groups[group] = []).Add(descriptor.Name);
                Aliases[$"{group}/{descriptor.Name}"] = descriptor.Name;
                Aliases.TryAdd($"{group}/{alias ?? descriptor.Name}", descriptor.Name);
            }
        }

        /// <summary>Removes a group's tools, its member list and its <c>group/name</c> aliases.</summary>
        public void RemoveGroup(string group)
        {
            if (!Groups.Remove(group, out var members))
            {
                return;
            }

            foreach (var name in members)
            {
                Tools.Remove(name);
            }

            var prefix = group + "/";
            foreach (var key in Aliases.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                Aliases.Remove(key);
            }
        }

        public IEnumerable<string> Expand(string name) =>
            Groups.TryGetValue(name, out var members) ? members
            : Aliases.TryGetValue(name, out var aliased) ? [aliased]
            : [name];
    }
}
