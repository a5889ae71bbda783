using YamlDotNet.Core;

namespace Orchestrator.Configuration;

/// <summary>Reads every agent file in a folder and checks what spans files: that there are agents, unique names, and no example given to two agents.</summary>
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
        ReportSharedExamples(parsed, duplicates, diagnostics);
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

    /// <summary>
    /// The same example in two agents (a copied agent file whose examples were not all rewritten) teaches the router
    /// both answers to one request: the fit cannot honour it and the confusion shows only as a failed routing test.
    /// Each copy is an error at its own line, naming the other. Agents with a duplicate name are left to that error.
    /// </summary>
    private static void ReportSharedExamples(List<ParsedAgent> parsed, HashSet<string> duplicateNames, ConfigDiagnostics diagnostics)
    {
        var owners = parsed
            .Where(p => p.Definition is not null && p.Examples is not null && !duplicateNames.Contains(p.Definition.Name))
            .SelectMany(p => p.Examples!.Select(e => (Agent: p, Example: e)))
            .GroupBy(o => o.Example.Value, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(o => o.Agent).Distinct().Count() > 1);
        foreach (var group in owners)
        {
            foreach (var (agent, example) in group)
            {
                var others = group.Where(o => o.Agent != agent).Select(o => $"'{o.Agent.Definition!.Name}' at {o.Agent.File}:{o.Example.At.Line}");
                diagnostics.Error(agent.File, example.At, $"example \"{example.Value}\" is also an example of {string.Join(", ", others)}; expected each request to be an example of one agent only (keep it where it belongs, reword or remove the other)");
            }
        }
    }
}
