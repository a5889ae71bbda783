namespace Orchestrator.Configuration;

/// <summary>
/// Loads and validates orchestrator.yaml and its agent files. Every problem is collected, each with a
/// file and line, so one run shows them all. See docs/configuration.md for the schema.
/// </summary>
public static class ConfigLoader
{
    public const string DefaultFileName = "orchestrator.yaml";

    /// <summary>Loads orchestrator.yaml and every agent file (orchestrator.yaml's errors are listed first); <see cref="ConfigLoadResult.Config"/> is set only when there are no errors.</summary>
    public static ConfigLoadResult Load(string orchestratorYamlPath, ConfigValidationContext? context = null)
    {
        context ??= new ConfigValidationContext();
        var diagnostics = new ConfigDiagnostics();
        var file = OrchestratorFileParser.Parse(Path.GetFullPath(orchestratorYamlPath), diagnostics, context);
        if (file is null)
        {
            return Result(diagnostics, null, []);
        }

        var errorsBeforeAgents = diagnostics.ErrorCount;
        IReadOnlyList<AgentDefinition> agents = file.AgentsDeclared
            ? AgentsFolder.Read(
                file.Resolve(file.AgentsPath),
                new AgentsFolder.Origin(file.DisplayPath, file.AgentsAt),
                file.Catalog(context),
                diagnostics)
            : [];
        MisspeltSectionNotes.Report(file, agents, diagnostics);

        // An agent file with errors is left out of the list, so the models and collections it names would
        // read as unused: warning about them beside its error only misleads. They are checked once it loads.
        if (diagnostics.ErrorCount == errorsBeforeAgents)
        {
            UsageWarnings.Report(file, agents, diagnostics);
        }

        ToolsSection.CheckNames(file.ToolPolicies.Values, file.DisplayPath, context, file.McpServers is not { Count: 0 }, diagnostics);
        foreach (var error in context.PromptsValidator?.Invoke(file.Resolve(file.PromptsPath)) ?? [])
        {
            diagnostics.Add(error);
        }

        return Result(diagnostics, diagnostics.HasErrors ? null : file.ToConfig(agents), agents);
    }

    /// <summary>
    /// Validates the agent files in one folder (<c>agents validate --path</c>). References to models,
    /// collections and prompts are checked against <paramref name="orchestratorYamlPath"/> when given, else
    /// against an orchestrator.yaml in the folder's parent when one exists (the usual layout); with neither,
    /// only syntax, schema, tools and guardian checks are validated. The config's own errors are reported too.
    /// </summary>
    public static ConfigLoadResult ValidateAgentsFolder(string agentsDir, ConfigValidationContext? context = null, string? orchestratorYamlPath = null)
    {
        context ??= new ConfigValidationContext();
        var diagnostics = new ConfigDiagnostics();
        var folder = Path.GetFullPath(agentsDir);
        var configPath = orchestratorYamlPath ?? ParentConfig(folder);
        var file = configPath is null ? null : OrchestratorFileParser.Parse(Path.GetFullPath(configPath), diagnostics, context);
        var catalog = file?.Catalog(context) ?? new ReferenceCatalog { Context = context };
        var agents = AgentsFolder.Read(folder, new AgentsFolder.Origin(ConfigDiagnostics.DisplayPath(folder), default), catalog, diagnostics);
        if (file is not null)
        {
            MisspeltSectionNotes.Report(file, agents, diagnostics);
        }

        return Result(diagnostics, null, agents);
    }

    private static string? ParentConfig(string folder)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder));
        var candidate = parent is null ? null : Path.Combine(parent, DefaultFileName);
        return candidate is not null && File.Exists(candidate) ? candidate : null;
    }

    private static ConfigLoadResult Result(ConfigDiagnostics diagnostics, OrchestratorConfig? config, IReadOnlyList<AgentDefinition> agents) => new()
    {
        Config = config,
        Agents = agents,
        Errors = diagnostics.Errors,
        Warnings = diagnostics.Warnings,
    };
}
