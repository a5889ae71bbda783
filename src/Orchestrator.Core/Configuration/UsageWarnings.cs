namespace Orchestrator.Configuration;

/// <summary>Non-fatal findings: declared things nothing uses usually mean a typo or a leftover.</summary>
internal static class UsageWarnings
{
    public static void Report(OrchestratorFile file, IReadOnlyList<AgentDefinition> agents, ConfigDiagnostics diagnostics)
    {
        var usedModels = new HashSet<string>(StringComparer.Ordinal) { file.Router.Embedder };
        usedModels.UnionWith(new[] { file.Router.Model, file.Escalation.Target }.OfType<string>());
        usedModels.UnionWith(file.Escalation.Fallbacks);
        usedModels.UnionWith(file.Models?.Values.Select(m => m.Resilience?.Hedging?.Model).OfType<string>() ?? []);
        usedModels.UnionWith(agents.Select(a => a.Model).OfType<string>());
        foreach (var (name, declared) in file.ModelDeclarations.Where(m => !usedModels.Contains(m.Key)))
        {
            diagnostics.Warning(file.DisplayPath, declared.At, $"model '{name}' is declared but nothing uses it; refer to it from an agent, the router or escalation, or remove it");
        }

        var usedCollections = agents.Select(a => a.Knowledge).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (name, declared) in file.CollectionDeclarations.Where(c => !usedCollections.Contains(c.Key)))
        {
            diagnostics.Warning(file.DisplayPath, declared.At, $"collection '{name}' is declared but no agent uses it as knowledge");
        }
    }
}
