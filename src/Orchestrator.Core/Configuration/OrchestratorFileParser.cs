using System.Text.RegularExpressions;

namespace Orchestrator.Configuration;

/// <summary>Reads orchestrator.yaml and checks everything that does not need the agent files.</summary>
internal static partial class OrchestratorFileParser
{
    public const long MaxInputCharsLimit = 1_000_000;

    /// <summary>Returns null only when the file cannot be read as a YAML mapping at all.</summary>
    /// <param name="context">What the host registered: its own guardian checks may be named on the global output rail.</param>
    public static OrchestratorFile? Parse(string fullPath, ConfigDiagnostics diagnostics, ConfigValidationContext? context = null)
    {
        var display = ConfigDiagnostics.DisplayPath(fullPath);
        var map = YamlFileReader.ReadMapping(fullPath, display, diagnostics);
        if (map is null)
        {
            return null;
        }

        diagnostics.PrimaryFile = display;
        var root = new YamlFields(map, display, null, OrchestratorFile.Fields, diagnostics);
        var declarations = new Dictionary<string, Located>(StringComparer.Ordinal);
        var file = new OrchestratorFile { FullPath = fullPath, DisplayPath = display, Models = ModelsSection.Read(root, declarations), MisspeltSections = root.Misspelt };
        foreach (var (name, at) in declarations)
        {
            file.ModelDeclarations[name] = at;
        }

        file.Router = RouterSection.Read(root, file.Models);
        file.Escalation = ReadEscalation(root, file.Models);
        file.Store = ReadStore(root);
        file.Collections = ReadCollections(root, file.CollectionDeclarations);
        file.Limits = new LimitsConfig
        {
            MaxInputChars = (int)(root.Map("limits", ["max_input_chars"])?.Integer("max_input_chars", 1, MaxInputCharsLimit) ?? 4000),
        };
        file.Guardian = ReadGuardian(root, file.Models, context);
        file.Server = ServerSection.Read(root);
        file.Telemetry = ServerSection.ReadTelemetry(root);
        file.State = StateSection.Read(root);
        file.McpServers = McpServersSection.Read(root);
        file.ToolPolicies = ToolsSection.Read(root);
        file.ToolConfirmation = ToolsSection.ReadConfirmation(root);
        file.Cache = CacheSection.Read(root, file.State);
        var agents = root.Text("agents", required: true, expected: "the folder of agent files, e.g. agents/");
        file.AgentsPath = agents?.Value ?? file.AgentsPath;
        file.AgentsAt = agents?.At ?? root.Start;
        file.AgentsDeclared = agents is not null;
        file.PromptsPath = root.Text("prompts", expected: "the folder of prompt templates, e.g. prompts/")?.Value ?? file.PromptsPath;
        return file;
    }

    private static EscalationConfig ReadEscalation(YamlFields root, Dictionary<string, ModelConfig>? models)
    {
        var section = root.Map("escalation", ["target", "fallbacks", "triggers", "repair", "timeout_seconds", "budget"]);
        if (section is null)
        {
            return new EscalationConfig();
        }

        var target = section.Text("target", expected: "the name of a model under models");
        if (target is { } t)
        {
            ReferenceCatalog.CheckGenerativeModel(models, t, "escalation target", section);
        }

        var fallbacks = section.TextList("fallbacks", expected: "a list of model names") ?? [];
        foreach (var fallback in fallbacks)
        {
            ReferenceCatalog.CheckGenerativeModel(models, fallback, "escalation fallback", section);
        }

        var budget = section.Map("budget", ["usd_per_day", "tenant_usd_per_day"]);
        return new EscalationConfig
        {
            Target = target?.Value,
            Fallbacks = [.. fallbacks.Select(f => f.Value)],
            BudgetUsdPerDay = budget?.Number("usd_per_day", 0),
            BudgetTenantUsdPerDay = budget?.Number("tenant_usd_per_day", 0),
            Triggers = AgentFieldChecks.EscalationTriggers(section) ?? EscalationConfig.AllTriggers,
            Repair = section.Boolean("repair") ?? true,
            TimeoutSeconds = section.Number("timeout_seconds", 0.001),
        };
    }

    private static GuardianConfig ReadGuardian(YamlFields root, Dictionary<string, ModelConfig>? models, ConfigValidationContext? context)
    {
        var section = root.Map("guardian", ["pii", "model", "links", "rails", "check_timeout_seconds"]);
        var model = section?.Text("model", expected: "the name of a generative model under models, for the model-* checks");
        if (model is { } m)
        {
            ReferenceCatalog.CheckGenerativeModel(models, m, "guardian model", section!);
        }

        var pii = section?.Map("pii", ["mode", "allow"]);
        return new GuardianConfig
        {
            PiiMode = pii?.Choice("mode", ["redact", "block"])?.Value ?? "redact",
            PiiAllow = [.. (pii?.TextList("allow", expected: "a list of published values or globs, e.g. \"*@company.example\"") ?? []).Select(a => a.Value)],
            LinkAllow = LinkHosts.Read(section),
            Model = model?.Value,
            Rails = RailsSection.Read(section, context?.GuardianChecks),
            CheckTimeoutSeconds = section?.Number("check_timeout_seconds", 0.001) ?? GuardianConfig.DefaultCheckTimeoutSeconds,
        };
    }

    private static StoreConfig ReadStore(YamlFields root)
    {
        var section = root.Map("store", ["provider", "path", "url", "api_key_env", "collection_prefix", "ann"]);
        if (section is null)
        {
            return new StoreConfig();
        }

        var provider = section.Choice("provider", StoreProviders.All)?.Value ?? StoreProviders.Sqlite;
        var url = section.Text("url", expected: "the http(s) URL of the Qdrant server, e.g. http://localhost:6334");
        if (provider == StoreProviders.Qdrant && url is null && !section.Has("url"))
        {
            section.Missing("url", "the http(s) URL of the Qdrant server when provider is qdrant, e.g. http://localhost:6334");
        }
        else if (url is { } u && !(Uri.TryCreate(u.Value, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
        {
            section.Error(u.At, $"url '{u.Value}' is not an absolute http(s) URL; expected the Qdrant gRPC endpoint, e.g. http://localhost:6334");
        }

        var prefix = section.Text("collection_prefix", expected: "a prefix for Qdrant collection names, e.g. orchestrator_");
        if (prefix is { } p && !QdrantNameRules.IsValidPrefix(p.Value))
        {
            section.Error(p.At, $"collection_prefix '{p.Value}' may only contain letters, digits, '_' and '-' (at most {QdrantNameRules.MaxPrefixLength} characters); e.g. orchestrator_");
        }

        return new StoreConfig
        {
            Provider = provider,
            Path = section.Text("path", expected: "the SQLite database file, e.g. .orchestrator/store.db")?.Value ?? new StoreConfig().Path,
            Url = url?.Value,
            ApiKeyEnv = ModelsSection.ReadApiKeyEnv(section),
            CollectionPrefix = prefix?.Value ?? new StoreConfig().CollectionPrefix,
            Ann = StoreAnnSection.Read(section),
        };
    }

    private static Dictionary<string, CollectionConfig>? ReadCollections(YamlFields root, Dictionary<string, Located> declaredAt)
    {
        var entries = root.NamedEntries("collections", "collection settings");
        if (entries is null)
        {
            // Broken or misspelt (colections:): unknown, so agents' knowledge is not reported against an empty list.
            return root.Has("collections") || root.Misspelt.ContainsKey("collections") ? null : new Dictionary<string, CollectionConfig>(StringComparer.Ordinal);
        }

        var collections = new Dictionary<string, CollectionConfig>(StringComparer.Ordinal);
        foreach (var (name, value) in entries)
        {
            declaredAt[name.Value] = name;
            if (!NamePattern().IsMatch(name.Value))
            {
                root.Error(name.At, $"collection name '{name.Value}' is invalid; expected letters, digits, '-' and '_' only");
            }

            IReadOnlyList<Located> paths = [];
            var prune = true;
            if (value is YamlDotNet.RepresentationModel.YamlMappingNode map)
            {
                var fields = new YamlFields(map, root.File, $"collections.{name.Value}", ["paths", "prune"], root.Diagnostics, name.At);
                paths = fields.TextList("paths", expected: "a list of files or folders") ?? [];
                prune = fields.Boolean("prune") ?? true;
            }
            else if (!YamlShape.IsNull(value))
            {
                root.Error(value.Start, $"collection '{name.Value}' must be a mapping, e.g. {{ paths: [ knowledge/{name.Value} ] }}; found {YamlShape.Describe(value)}");
            }

            collections[name.Value] = new CollectionConfig { Name = name.Value, Paths = [.. paths.Select(p => p.Value)], Prune = prune };
        }

        return collections;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    internal static partial Regex NamePattern();
}
