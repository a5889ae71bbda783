using YamlDotNet.Core;

namespace Orchestrator.Configuration;

/// <summary>orchestrator.yaml after reading: the settings, plus where things were declared for later checks.</summary>
internal sealed class OrchestratorFile
{
    public static readonly IReadOnlyList<string> Fields = ["models", "router", "escalation", "store", "collections", "limits", "guardian", "agents", "prompts", "server", "telemetry", "mcp_servers", "state", "tools", "tool_confirmation", "cache"];

    public required string FullPath { get; init; }

    public required string DisplayPath { get; init; }

    /// <summary>Null when <c>models:</c> is missing or broken, so references to models are not checked.</summary>
    public Dictionary<string, ModelConfig>? Models { get; init; }

    public Dictionary<string, Located> ModelDeclarations { get; } = new(StringComparer.Ordinal);

    public RouterConfig Router { get; set; } = new();

    public EscalationConfig Escalation { get; set; } = new();

    public StoreConfig Store { get; set; } = new();

    /// <summary>Null when <c>collections:</c> is broken, so knowledge references are not checked.</summary>
    public Dictionary<string, CollectionConfig>? Collections { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, Located> CollectionDeclarations { get; } = new(StringComparer.Ordinal);

    public LimitsConfig Limits { get; set; } = new();

    public GuardianConfig Guardian { get; set; } = new();

    public ServerConfig Server { get; set; } = new();

    public TelemetryConfig Telemetry { get; set; } = new();

    public StateConfig State { get; set; } = new();

    public CacheConfig Cache { get; set; } = new();

    /// <summary>Null when <c>mcp_servers:</c> is broken, so <c>mcp:</c> tool references are not checked.</summary>
    public Dictionary<string, McpServerConfig>? McpServers { get; set; } = new(StringComparer.Ordinal);

    public string AgentsPath { get; set; } = "agents";

    /// <summary>The <c>tools:</c> policies by tool name, with where each name is written.</summary>
    public Dictionary<string, (ToolPolicyConfig Policy, Located Name)> ToolPolicies { get; set; } = new(StringComparer.Ordinal);

    public ToolConfirmationConfig ToolConfirmation { get; set; } = new();

    /// <summary>False when <c>agents:</c> is missing; the folder is then not read, to avoid errors about a guessed folder.</summary>
    public bool AgentsDeclared { get; set; }

    /// <summary>Where <c>agents:</c> is written: agents-folder errors point here.</summary>
    public Mark AgentsAt { get; set; } = new(0, 1, 1);

    public string PromptsPath { get; set; } = "prompts";

    /// <summary>Top-level sections that are absent because an unknown field misspells them, keyed by the meant name.</summary>
    public IReadOnlyDictionary<string, Located> MisspeltSections { get; init; } = new Dictionary<string, Located>(StringComparer.Ordinal);

    public string BaseDirectory => Path.GetDirectoryName(FullPath) ?? ".";

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));

    public ReferenceCatalog Catalog(ConfigValidationContext context) => new()
    {
        Models = Models,
        Collections = Collections?.Keys.ToHashSet(StringComparer.Ordinal),
        Prompts = ReferenceCatalog.ReadPromptNames(Resolve(PromptsPath)),
        PromptsFolder = ConfigDiagnostics.DisplayPath(Resolve(PromptsPath)),
        Context = context,
        GuardianModelConfigured = Guardian.Model is not null,
        McpServers = McpServers?.Keys.ToHashSet(StringComparer.Ordinal),
    };

    public OrchestratorConfig ToConfig(IReadOnlyList<AgentDefinition> agents) => new()
    {
        ConfigFile = FullPath,
        Models = Models ?? [],
        Router = Router,
        Escalation = Escalation,
        Store = Store,
        Collections = Collections ?? [],
        Limits = Limits,
        Guardian = Guardian,
        AgentsPath = AgentsPath,
        PromptsPath = PromptsPath,
        Agents = agents,
        Server = Server,
        Telemetry = Telemetry,
        State = State,
        Cache = Cache,
        McpServers = McpServers ?? [],
        Tools = ToolPolicies.ToDictionary(p => p.Key, p => p.Value.Policy, StringComparer.Ordinal),
        ToolConfirmation = ToolConfirmation,
    };
}
