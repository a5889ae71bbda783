using YamlDotNet.Core;

namespace Orchestrator.Configuration;

/// <summary>Reads every agent file in a folder and checks what spans files: that there are agents, and unique names.</summary>
internal static class AgentsFolder
{
    /// <summary>Where the folder was named, so folder-level errors point at that line.</summary>
    internal readonly record struct Origin(string File, Mark At);

    public static IReadOnlyList<AgentDefinition> Read(string folder, Origin origin, ReferenceCatalog catalog, ConfigDiagnostics diagnostics)
    {
        var display = ConfigDiagnostics.DisplayPath(Path.TrimEndingDirectorySeparator(folder));
        if (!Directory.Exists(folder))
        {
            diagnostics.Error(origin.File, origin.At, $"agents folder '{display}' does not exist; expected a folder of agent files (*.yaml, *.yml)");
            return [];
        }

        // Only YAML counts: READMEs and editor backups may sit next to agents.
        var files = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".yaml" or ".yml")
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            diagnostics.Error(origin.File, origin.At, $"agents folder '{display}' has no agent files; expected at least one *.yaml or *.yml file");
            return [];
        }

        var parsed = files.Select(f => AgentFileParser.Parse(f, catalog, diagnostics)).ToList();
        var duplicates = ReportDuplicateNames(parsed, diagnostics);
        return [.. parsed
            .Where(p => p.Definition is not null && !duplicates.Contains(p.Definition.Name))
            .Select(p => p.Definition!)];
    }

    private static HashSet<string> ReportDuplicateNames(List<ParsedAgent> parsed, ConfigDiagnostics diagnostics)
    {
        var duplicates = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var named = parsed.Where(p => p.Name is not null);
        foreach (var group in named.GroupBy(p => p.Name!.Value.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            duplicates.Add(group.Key);
            foreach (var agent in group)
            {
                var others = group.Where(o => o != agent).Select(o => $"{o.File}:{o.Name!.Value.At.Line}");
                diagnostics.Error(agent.File, agent.Name!.Value.At, $"duplicate agent name '{agent.Name.Value.Value}' (also at {string.Join(", ", others)}); expected names unique ignoring case");
            }
        }

        return duplicates;
    }
}
