namespace Orchestrator.Configuration;

/// <summary>
/// When orchestrator.yaml misspells a section agents refer to (<c>colections:</c>, <c>modles:</c>), the agents' references
/// are left unchecked rather than each reported as missing: one note says how many there are, beside the misspelling
/// that causes them, so the root cause is not drowned by its consequences.
/// </summary>
internal static class MisspeltSectionNotes
{
    private const int MaxNamesShown = 5;

    public static void Report(OrchestratorFile file, IReadOnlyList<AgentDefinition> agents, ConfigDiagnostics diagnostics)
    {
        Note(file, "collections", "knowledge", [.. agents.Select(a => a.Knowledge)], diagnostics);
        Note(file, "models", "model", [.. agents.Select(a => a.Model)], diagnostics);
    }

    private static void Note(OrchestratorFile file, string section, string field, IReadOnlyList<string?> references, ConfigDiagnostics diagnostics)
    {
        if (!file.MisspeltSections.TryGetValue(section, out var misspelt))
        {
            return;
        }

        var named = references.OfType<string>().ToList();
        if (named.Count == 0)
        {
            return;
        }

        var distinct = named.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", distinct.Take(MaxNamesShown)) + (distinct.Count > MaxNamesShown ? ", ..." : "");
        diagnostics.Warning(file.DisplayPath, misspelt.At,
            $"{named.Count} agent(s) name an entry of '{section}' in '{field}' ({shown}); they are not checked until '{misspelt.Value}' is spelt '{section}'");
    }
}
