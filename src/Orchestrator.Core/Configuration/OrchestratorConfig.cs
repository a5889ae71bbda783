namespace Orchestrator.Configuration;

/// <summary>The whole validated configuration: orchestrator.yaml plus every agent file.</summary>
public sealed class OrchestratorConfig
{
    /// <summary>Absolute path of the orchestrator.yaml that was loaded; relative paths resolve from its folder.</summary>
    public required string ConfigFile { get; init; }

    public string BaseDirectory => Path.GetDirectoryName(ConfigFile) ?? ".";

    public IReadOnlyDictionary<string, ModelConfig> Models { get; init; } = new Dictionary<string, ModelConfig>();

    public RouterConfig Router { get; init; } = new();

    public EscalationConfig Escalation { get; init; } = new();

    public StoreConfig Store { get; init; } = new();

    public IReadOnlyDictionary<string, CollectionConfig> Collections { get; init; } = new Dictionary<string, CollectionConfig>();

    public LimitsConfig Limits { get; init; } = new();

    public GuardianConfig Guardian { get; init; } = new();

    /// <summary><c>orchestrator serve</c>: API keys, rate limit, request size limits.</summary>
    public ServerConfig Server { get; init; } = new();

    /// <summary>Trace and metric export of <c>orchestrator serve</c>.</summary>
    public TelemetryConfig Telemetry { get; init; } = new();

    /// <summary>Where state shared by replicas is kept: the budget and the rate limits (<c>state:</c>).</summary>
    public StateConfig State { get; init; } = new();

    /// <summary>The answer cache for repeated questions (<c>cache:</c>); off by default.</summary>
    public CacheConfig Cache { get; init; } = new();

    /// <summary>Model Context Protocol servers whose tools agents may list (<c>mcp_servers:</c>).</summary>
    public IReadOnlyDictionary<string, McpServerConfig> McpServers { get; init; } = new Dictionary<string, McpServerConfig>();

    /// <summary>Tool policies by tool name (<c>tools:</c>): side effects, confirmation, personal data.</summary>
    public IReadOnlyDictionary<string, ToolPolicyConfig> Tools { get; init; } = new Dictionary<string, ToolPolicyConfig>();

    /// <summary>Signing of confirmation proposals (<c>tool_confirmation:</c>).</summary>
    public ToolConfirmationConfig ToolConfirmation { get; init; } = new();

    /// <summary>Folder of agent YAML files, as written in the config (relative to <see cref="BaseDirectory"/>).</summary>
    public string AgentsPath { get; init; } = "agents";

    /// <summary>Folder of prompt templates, as written in the config.</summary>
    public string PromptsPath { get; init; } = "prompts";

    public IReadOnlyList<AgentDefinition> Agents { get; init; } = [];

    /// <summary>Resolves a path written in the config against the config's folder.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(BaseDirectory, path));

    public AgentDefinition? FindAgent(string name) =>
        Agents.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A model declared by name under <c>models:</c>.</summary>
public sealed class ModelConfig
{
    public required string Name { get; init; }

    /// <summary><c>embedded-minilm</c> embeds; <c>onnx</c>, <c>openai</c> and <c>host</c> (the host's keyed <c>IChatClient</c>) generate.</summary>
    public required string Provider { get; init; }

    public string? Path { get; init; }

    public string? Endpoint { get; init; }

    public string? Model { get; init; }

    public string? ApiKeyEnv { get; init; }

    public PriceConfig? Price { get; init; }

    /// <summary>Extra HTTP headers (openai); values may hold <c>${ENV_NAME}</c> references, expanded when the client is built.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Per-request network timeout; null keeps the client's default.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>
    /// Whether requests to this model carry the W3C <c>traceparent</c>/<c>tracestate</c> headers (openai).
    /// Off by default: trace ids are internal and an external provider has no use for them.
    /// </summary>
    public bool PropagateTraceContext { get; init; }

    public int? MaxOutputTokens { get; init; }

    /// <summary>
    /// openai: the request field that carries the output cap: <see cref="MaxTokensFields.MaxCompletionTokens"/>
    /// (null, the OpenAI SDK's) or <see cref="MaxTokensFields.MaxTokens"/> for servers that read only the older field.
    /// </summary>
    public string? MaxTokensField { get; init; }

    /// <summary>Retries on 429/5xx/network errors (openai); null keeps the SDK default (3).</summary>
    public int? MaxRetries { get; init; }

    public double? Temperature { get; init; }

    /// <summary>onnx: requests generated at once (others queue); default 1.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>onnx: how long a queued request waits for a slot before failing; default 60 s.</summary>
    public double? QueueTimeoutSeconds { get; init; }

    /// <summary>onnx: auto (the model's chat template, else by model type), phi3, chatml, llama3, plain or raw.</summary>
    public string? PromptFormat { get; init; }

    public bool IsEmbedder => Provider == ModelProviders.EmbeddedMiniLm;

    /// <summary>embedded-minilm: <c>int8</c> or <c>none</c> (<see cref="EmbedderQuantizations"/>); null means <see cref="EmbedderQuantizations.Default"/>.</summary>
    public string? Quantization { get; init; }

    /// <summary>openai: the <c>resilience:</c> block; null means <see cref="ResilienceConfig.Default"/>.</summary>
    public ResilienceConfig? Resilience { get; init; }

    /// <summary>openai: the <c>chaos:</c> block (fault injection for rehearsals); null means off.</summary>
    public ChaosConfig? Chaos { get; init; }
}

public static class ModelProviders
{
    public const string EmbeddedMiniLm = "embedded-minilm";
    public const string Onnx = "onnx";
    public const string OpenAI = "openai";

    /// <summary>
    /// The library host's own <c>IChatClient</c>, registered under the model's name with
    /// <c>services.AddKeyedChatClient("name", ...)</c>; the orchestrator's wrappers still apply.
    /// </summary>
    public const string Host = "host";

    public static readonly IReadOnlyList<string> All = [EmbeddedMiniLm, Onnx, OpenAI, Host];
}

public sealed class PriceConfig
{
    public double InputPerMtok { get; init; }

    public double OutputPerMtok { get; init; }
}

public sealed class RouterConfig
{
    /// <summary><c>semantic</c> (embedded default) or <c>slm</c>.</summary>
    public string Mode { get; init; } = "semantic";

    /// <summary>Name of the embedder model used by the semantic router.</summary>
    public string Embedder { get; init; } = "embedder";

    /// <summary>Generative model for <c>mode: slm</c>.</summary>
    public string? Model { get; init; }

    /// <summary>Optional out-of-scope examples: requests no agent should take.</summary>
    public IReadOnlyList<string> OutOfScopeExamples { get; init; } = [];

    /// <summary>
    /// <c>builtin</c> (default): the router's built-in general off-topic utterances join the
    /// negatives, minus those close to an agent's examples; <c>none</c>: only <see cref="OutOfScopeExamples"/>.
    /// </summary>
    public string Background { get; init; } = RouterBackgrounds.Builtin;

    /// <summary>Keeps follow-ups of a conversation with the previous turn's agent.</summary>
    public StickinessConfig Stickiness { get; init; } = new();

    /// <summary>Spelling correction before routing (and, for retrieval agents, searching).</summary>
    public TyposConfig Typos { get; init; } = new();
}

public sealed class EscalationConfig
{
    /// <summary>Name of the cloud model to escalate to; null means no cloud model is configured.</summary>
    public string? Target { get; init; }

    public IReadOnlyList<string> Fallbacks { get; init; } = [];

    public double? BudgetUsdPerDay { get; init; }

    /// <summary>Spend limit per tenant (<c>budget.tenant_usd_per_day</c>), on top of the global one; null means none.</summary>
    public double? BudgetTenantUsdPerDay { get; init; }

    /// <summary>Triggers that may escalate (wire names); all of <see cref="AllTriggers"/> unless the config narrows them.</summary>
    public IReadOnlyList<string> Triggers { get; init; } = AllTriggers;

    /// <summary>Give a generative specialist one local retry with the guardian's critique before escalating.</summary>
    public bool Repair { get; init; } = true;

    /// <summary>Per cloud call (each provider tried); null means <c>30</c> seconds.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>The trigger names accepted in <c>triggers:</c> lists, as in the response's <c>escalation.reason</c>.</summary>
    public static readonly IReadOnlyList<string> AllTriggers = ["out_of_scope", "low_confidence", "specialist_failed", "guardian_failed", "requested", "policy"];
}

public sealed class StoreConfig
{
    /// <summary><c>sqlite</c> (embedded default) or <c>qdrant</c> (a server shared by replicas).</summary>
    public string Provider { get; init; } = "sqlite";

    public string Path { get; init; } = ".orchestrator/store.db";

    /// <summary>Qdrant gRPC endpoint, e.g. http://localhost:6334.</summary>
    public string? Url { get; init; }

    /// <summary>Name of the environment variable holding the Qdrant API key; the key itself never appears in config.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>Prepended to every collection name in Qdrant, so several deployments can share one server.</summary>
    public string CollectionPrefix { get; init; } = "orchestrator_";

    /// <summary><c>store.ann</c>: the SQLite store's approximate dense index above a collection size.</summary>
    public StoreAnnConfig Ann { get; init; } = new();
}

/// <summary>A named knowledge collection and the files that feed it.</summary>
public sealed class CollectionConfig
{
    public required string Name { get; init; }

    /// <summary>Files or folders (relative to the config) ingested automatically when the collection is empty.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>
    /// <c>prune</c>: a re-ingest of a folder removes the documents whose files are gone from it
    /// (default true). False keeps them, as before pruning existed.
    /// </summary>
    public bool Prune { get; init; } = true;
}

/// <summary>Settings of the guardian's built-in checks that apply to every agent.</summary>
public sealed class GuardianConfig
{
    /// <summary><c>redact</c> (default): PII in answers is replaced by placeholders; <c>block</c>: answers with PII are withheld.</summary>
    public string PiiMode { get; init; } = "redact";

    /// <summary>Published values (exact or with * globs) the PII check leaves alone, e.g. *@company.example.</summary>
    public IReadOnlyList<string> PiiAllow { get; init; } = [];

    /// <summary>
    /// Hosts answers may link to (<c>guardian.links.allow</c>; each also allows its subdomains). Links
    /// to other hosts fail the <c>links</c> check; the hosts of an answer's own sources are always allowed.
    /// </summary>
    public IReadOnlyList<string> LinkAllow { get; init; } = [];

    /// <summary>Generative model behind the model-harm, model-groundedness and model-relevance checks; null disables them.</summary>
    public string? Model { get; init; }

    /// <summary>Input, retrieval and output rails (<c>guardian.rails</c>); empty by default.</summary>
    public RailsConfig Rails { get; init; } = new();

    /// <summary>The default of <see cref="CheckTimeoutSeconds"/>: above a model-backed check's usual time, far below a client's patience.</summary>
    public const double DefaultCheckTimeoutSeconds = 30;

    /// <summary>
    /// <c>guardian.check_timeout_seconds</c>: how long one check may take on one text; a check over it
    /// counts as failed (the answer is withheld), so a hung check cannot hold the request.
    /// </summary>
    public double CheckTimeoutSeconds { get; init; } = DefaultCheckTimeoutSeconds;
}

public sealed class LimitsConfig
{
    /// <summary>Longest accepted request, in characters.</summary>
    public int MaxInputChars { get; init; } = 4000;
}
