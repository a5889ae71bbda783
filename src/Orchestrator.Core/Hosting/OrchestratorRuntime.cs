using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Pii;
using Orchestrator.Guardian.Rails;
using Orchestrator.Models;
using Orchestrator.Prompts;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Routing;
using Orchestrator.Pipeline;
using Orchestrator.Specialists;
using Orchestrator.Tools;
using Orchestrator.Tools.Mcp;

namespace Orchestrator.Hosting;

/// <summary>
/// Everything one configuration needs at run time, built once: the embedder, the store, the
/// fitted router, the guardian, the specialists and the pipeline over them.
/// </summary>
public sealed class OrchestratorRuntime : IAsyncDisposable
{
    private OrchestratorRuntime(
        OrchestratorConfig config,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IVectorStore store,
        SemanticRouter router,
        OrchestratorPipeline pipeline,
        ModelRegistry models,
        PromptLibrary prompts,
        ILoggerFactory loggerFactory)
    {
        Models = models;
        Prompts = prompts;
        Config = config;
        Embedder = embedder;
        Store = store;
        Router = router;
        Pipeline = pipeline;
        LoggerFactory = loggerFactory;
    }

    public OrchestratorConfig Config { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Embedder { get; }

    public IVectorStore Store { get; }

    public SemanticRouter Router { get; }

    public OrchestratorPipeline Pipeline { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The generative models' chat clients, built on first use and disposed with the runtime.</summary>
    public ModelRegistry Models { get; }

    public PromptLibrary Prompts { get; }

    /// <summary>Clients of the <c>mcp_servers:</c> whose tools are registered; closed with the runtime.</summary>
    public McpToolSource? McpTools { get; private init; }

    /// <summary>The generation specialist, for callers that stream (chat, HTTP <c>stream: true</c>).</summary>
    public GenerationSpecialist Generation { get; private init; } = null!;

    private bool OwnsStore { get; init; }

    /// <summary>The state: Redis connection the budget, the answer cache and used confirmations share, once one of them opened it; closed last.</summary>
    private Lazy<State.RedisStateConnection>? SharedRedis { get; init; }

    /// <summary>The folder for derived state (store, router cache) beside the configuration.</summary>
    public static string StateDirectory(OrchestratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Path.GetDirectoryName(config.ResolvePath(config.Store.Path)) ?? config.ResolvePath(".orchestrator");
    }

    /// <summary>
    /// A <c>provider: host</c> model without the host's client would fail every request that needs it, so
    /// the start fails instead, naming the model and the registration to add.
    /// </summary>
    private static void RequireHostChatClients(OrchestratorConfig config, Func<string, IChatClient?>? hostChatClients)
    {
        foreach (var model in config.Models.Values.Where(m => m.Provider == ModelProviders.Host))
        {
            if (hostChatClients?.Invoke(model.Name) is null)
            {
                throw new InvalidOperationException(HostChatClient.MissingMessage(model.Name));
            }
        }
    }

    public static async Task<OrchestratorRuntime> StartAsync(OrchestratorConfig config, RuntimeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new RuntimeOptions();
        RequireHostChatClients(config, options.HostChatClients);
        var embedder = ModelFactory.CreateEmbedder(config, config.Router.Embedder);
        IVectorStore? store = null;
        ModelRegistry? models = null;
        Escalation.CloudEscalator? cloud = null;
        McpToolSource? mcp = null;
        IDisposable? classifierEncoderOwned = null;

        // One connection to the state: Redis server for everything this runtime keeps there (budget, answer cache, used
        // confirmations), opened by the first that needs it.
        // Reachability and failures of Redis and Qdrant go to the host's meter. A runtime started without a host reports them
        // nowhere: a meter of its own named "Orchestrator" would be merged by every exporter in the process with the hosts'
        // instruments of the same name, and its disposal would end those series too.
        var dependencies = options.DependencyMetrics;
        var redis = new Lazy<State.RedisStateConnection>(() => State.RedisStateConnection.Open(config.State, dependencies));
        try
        {
            var prompts = PromptLibrary.Load(config.ResolvePath(config.PromptsPath));
            models = new ModelRegistry(config, options.LoggerFactory, options.TimeProvider, options.HostChatClients ?? (_ => null));
            store = options.VectorStore ?? CreateStore(config, options.LoggerFactory, dependencies);
            if (options.AutoIngest)
            {
                await StartupIngestion.RunAsync(config, store, embedder, options, cancellationToken).ConfigureAwait(false);
            }

            var router = await SemanticRouter.FitAsync(
                TrainingSetFrom(config),
                embedder,
                options: null,
                cacheDirectory: Path.Combine(StateDirectory(config), "router-cache"),
                progress: new RouterFitStatus(options.Status),
                cancellationToken).ConfigureAwait(false);
            if (!router.LoadedFromCache)
            {
                foreach (var line in RouterConfusionReport.Lines(router.Confusions))
                {
                    options.Status?.Report("router: " + line);
                }
            }

            var tools = options.Tools ?? new ToolRegistry();
            if (config.McpServers.Count > 0)
            {
                options.Status?.Report("connecting MCP servers");
                mcp = await McpToolSource.ConnectAsync(config, tools, options.LoggerFactory, options.TimeProvider, cancellationToken).ConfigureAwait(false);
                foreach (var warning in mcp.Warnings)
                {
                    options.Status?.Report($"warning: {warning}");
                }
            }

            var retrieval = new RetrievalSpecialist(store, embedder);
            var generation = new GenerationSpecialist(models, prompts);
            var specialists = new SpecialistRegistry()
                .Add(AgentKind.Retrieval, retrieval)
                .AddForModelAgents(AgentKind.Retrieval, new GroundedRetrievalSpecialist(retrieval, models, new GroundedAnswerWriter(prompts)))
                .AddForModelAgents(AgentKind.Generation, generation)
                .Add(AgentKind.Tool, new ToolCallingSpecialist(
                    tools,
                    embedder,
                    agent => agent.Model is { } model && models.IsChatModel(model) ? models.GetChatClient(model) : null,
                    logger: options.LoggerFactory.CreateLogger<ToolCallingSpecialist>(),
                    policies: new ToolPolicies(config.Tools),
                    confirmations: Confirmations(config, options, redis)));
            foreach (var (kind, specialist) in options.KindSpecialists)
            {
                specialists.Add(kind, specialist).AddForModelAgents(kind, specialist);
            }

            foreach (var (agent, specialist) in options.AgentSpecialists)
            {
                specialists.AddForAgent(agent, specialist);
            }
            var guardian = AnswerGuardian.CreateDefault(
                embedder,
                piiMode: config.Guardian.PiiMode == "block" ? PiiCheckMode.Block : PiiCheckMode.Redact,
                piiAllow: new PiiAllowList(config.Guardian.PiiAllow))
                .With([new Guardian.Links.LinkCheck(new Guardian.Links.LinkAllowList(config.Guardian.LinkAllow))])
                .WithLogger(options.LoggerFactory.CreateLogger<AnswerGuardian>())
                .WithCheckTimeout(TimeSpan.FromSeconds(config.Guardian.CheckTimeoutSeconds), options.TimeProvider);
            if (options.GuardianChecks.Count > 0)
            {
                guardian = guardian.With(options.GuardianChecks);
            }

            if (config.Guardian.Model is { } guardianModel)
            {
                guardian = guardian.With(ModelRiskCheck.CreateAll(
                    models.GetChatClient(guardianModel), options.TimeProvider, options.LoggerFactory.CreateLogger<ModelRiskCheck>()));
            }

            // The classifiers load at start-up: a missing or corrupt model stops it, naming the file.
            var classifierEncoder = ShippedClassifiers.EncoderFor(embedder, out classifierEncoderOwned);
            var classifiers = ShippedClassifiers.Tasks.Select(task => new GuardianClassifier(ShippedClassifiers.Load(task), classifierEncoder)).ToList();
            guardian = guardian.With(classifiers.Select(c => new ClassifierCheck(c)));
            var rails = config.Guardian.Rails.IsEmpty && config.Agents.All(a => a.Rails.IsEmpty)
                ? null
                : new GuardianRails(config.Guardian.Rails, classifiers, guardian, new PiiRedactor(new PiiDetector(new PiiAllowList(config.Guardian.PiiAllow))));
            cloud = BuildEscalator(config, models, options, redis);
            if (cloud is not null && options.ProbeEscalationEndpoints)
            {
                foreach (var warning in await Escalation.EndpointProbe.CheckAsync(config, cloud.Providers, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    Escalation.EscalationLog.ProviderUnreachableAtStart(options.LoggerFactory.CreateLogger<Escalation.CloudEscalator>(), warning);
                    options.Status?.Report($"warning: {warning}");
                }
            }
            var pipeline = new OrchestratorPipeline(config, Routing.Typos.TypoCorrection.Wrap(BuildRouter(config, router, models, options), config), specialists, guardian, options.TimeProvider, options.LoggerFactory.CreateLogger<OrchestratorPipeline>(), cloud, rails)
            {
                AnswerCache = config.Cache.Enabled
                    ? new Caching.AnswerCache(config, CreateCacheStore(config, options, redis), store, embedder, options.TimeProvider)
                    : null,
            };
            return new OrchestratorRuntime(config, embedder, store, router, pipeline, models, prompts, options.LoggerFactory)
            {
                Generation = generation,
                OwnsStore = options.VectorStore is null,
                McpTools = mcp,
                SharedRedis = redis,
                ClassifierEncoder = classifierEncoderOwned,
            };
        }
        catch
        {
            if (mcp is not null)
            {
                await mcp.DisposeAsync().ConfigureAwait(false);
            }

            cloud?.Budget?.Dispose();
            if (redis.IsValueCreated)
            {
                redis.Value.Dispose();
            }

            models?.Dispose();
            if (options.VectorStore is null)
            {
                (store as IDisposable)?.Dispose();
            }

            embedder.Dispose();
            classifierEncoderOwned?.Dispose();
            throw;
        }
    }

    /// <summary>The configured vector store: the embedded SQLite file, or a Qdrant server shared by replicas.</summary>
    public static IVectorStore CreateStore(OrchestratorConfig config, ILoggerFactory? loggerFactory = null) => CreateStore(config, loggerFactory, dependencies: null);

    /// <summary>As <see cref="CreateStore(OrchestratorConfig, ILoggerFactory?)"/>; a Qdrant store's calls feed <paramref name="dependencies"/>.</summary>
    internal static IVectorStore CreateStore(OrchestratorConfig config, ILoggerFactory? loggerFactory, State.DependencyMetrics? dependencies)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Store.Provider == StoreProviders.Qdrant
            ? new QdrantVectorStore(QdrantStoreOptions.FromConfig(config.Store, config.ConfigFile), loggerFactory, timeProvider: null, dependencies)
            : new SqliteVectorStore(config.ResolvePath(config.Store.Path), AnnIndexOptions.FromConfig(config.Store.Ann), loggerFactory: loggerFactory);
    }

    /// <summary>
    /// The semantic router, or with <c>mode: slm</c> the SLM router over it as the fallback. A router
    /// model that cannot be built (e.g. its API key variable is unset) must not stop start-up: the
    /// warning is reported and the semantic router serves alone.
    /// </summary>
    private static IRouter BuildRouter(OrchestratorConfig config, SemanticRouter semantic, ModelRegistry models, RuntimeOptions options)
    {
        if (config.Router.Mode != RouterModes.Slm || config.Router.Model is not { } model)
        {
            return semantic;
        }

        try
        {
            return new SlmRouter(models.GetChatClient(model), semantic, config.Agents, new SlmRouterOptions
            {
                TimeProvider = options.TimeProvider,
                Logger = options.LoggerFactory.CreateLogger<SlmRouter>(),
            });
        }
        catch (ModelUnavailableException ex)
        {
            options.Status?.Report($"warning: router model '{model}' is unavailable ({ex.Message}); routing with the semantic router only");
            return semantic;
        }
    }

    /// <summary>
    /// The escalator when a target is configured, with its budget ledger (<c>budget.db</c> in the
    /// state folder) when a budget is. A provider that cannot be built (e.g. its API key variable is
    /// unset) is one warning, not a failed start: those requests get a local answer or a notice.
    /// </summary>
    private static Escalation.CloudEscalator? BuildEscalator(OrchestratorConfig config, ModelRegistry models, RuntimeOptions options, Lazy<State.RedisStateConnection> redis)
    {
        if (config.Escalation.Target is null)
        {
            return null;
        }

        var limits = new Escalation.Budget.BudgetLimits(config.Escalation.BudgetUsdPerDay, config.Escalation.BudgetTenantUsdPerDay);
        var budget = limits.Any ? OpenBudget(config, limits, options, redis) : null;
        var cloud = new Escalation.CloudEscalator(models, budget, options.LoggerFactory.CreateLogger<Escalation.CloudEscalator>(), options.TimeProvider);
        foreach (var warning in cloud.CheckProviders())
        {
            options.Status?.Report($"warning: {warning}");
        }

        return cloud;
    }

    /// <summary>The budget store <c>state.provider</c> names: <c>budget.db</c> in the state folder, or the shared Redis server.</summary>
    private static Escalation.Budget.IBudgetStore OpenBudget(OrchestratorConfig config, Escalation.Budget.BudgetLimits limits, RuntimeOptions options, Lazy<State.RedisStateConnection> redis) =>
        config.State.Provider == StateProviders.Redis
            ? new Escalation.Budget.RedisBudgetStore(redis.Value, ownsConnection: false, limits, config.State, options.TimeProvider, options.LoggerFactory.CreateLogger<Escalation.Budget.RedisBudgetStore>())
            : Escalation.Budget.BudgetLedger.Open(BudgetFile(config), limits, options.TimeProvider, TimeSpan.FromSeconds(config.State.ReservationTtlSeconds));

    /// <summary>
    /// Proposal signing and checking. On shared Redis state the used proposals are kept there: replicas
    /// that share the secret accept each other's proposals, so each must know which were already used.
    /// </summary>
    private static ToolConfirmations Confirmations(OrchestratorConfig config, RuntimeOptions options, Lazy<State.RedisStateConnection> redis) =>
        config.State.Provider == StateProviders.Redis
            ? new ToolConfirmations(config.ToolConfirmation, options.TimeProvider, environment: null, new State.RedisUsedProposals(redis, options.LoggerFactory.CreateLogger<State.RedisUsedProposals>()))
            : new ToolConfirmations(config.ToolConfirmation, options.TimeProvider);

    /// <summary>Where cached answers live (<c>cache.store</c>): this process's memory, or the shared <c>state:</c> Redis server.</summary>
    private static Caching.IAnswerCacheStore CreateCacheStore(OrchestratorConfig config, RuntimeOptions options, Lazy<State.RedisStateConnection> redis) =>
        config.Cache.Store == CacheStores.Redis
            ? new Caching.RedisAnswerCacheStore(redis.Value, ownsConnection: false, config.Cache.MaxEntries, options.TimeProvider, options.LoggerFactory.CreateLogger<Caching.RedisAnswerCacheStore>())
            : new Caching.MemoryAnswerCacheStore(config.Cache.MaxEntries);

    /// <summary>The SQLite file that holds the cloud spend per day and tenant.</summary>
    public static string BudgetFile(OrchestratorConfig config) => Path.Combine(StateDirectory(config), "budget.db");

    /// <summary>
    /// Each agent is a route trained on its examples; the router's out-of-scope examples are the
    /// negatives, and with <c>router.background: builtin</c> (the default) the built-in background set joins them.
    /// </summary>
    public static RouterTrainingSet TrainingSetFrom(OrchestratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new RouterTrainingSet(
            config.Agents.Select(a => new RouteExamples(a.Name, a.Examples)).ToList(),
            config.Router.OutOfScopeExamples)
        {
            Background = config.Router.Background == RouterBackgrounds.Builtin ? RouterBackground.Builtin : null,
        };
    }

    /// <summary>
    /// Ingests files into a collection through the same chunking and embedding as start-up, and
    /// prunes documents gone from its folders unless the collection says <c>prune: false</c>.
    /// </summary>
    public Task<IngestReport> IngestAsync(string collection, IEnumerable<string> paths, IProgress<IngestProgress>? progress, CancellationToken cancellationToken = default) =>
        IngestAsync(collection, paths, new IngestOptions { Prune = !Config.Collections.TryGetValue(collection, out var c) || c.Prune }, progress, cancellationToken);

    /// <summary>
    /// Ingests with these options. When anything was written or removed, this process's answer
    /// cache re-reads the collection's contents at once rather than after <c>cache.revalidate_seconds</c>,
    /// so it never answers from a removed file; other processes notice within that interval.
    /// </summary>
    public async Task<IngestReport> IngestAsync(string collection, IEnumerable<string> paths, IngestOptions options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken = default)
    {
        var report = await new DocumentIngestor(Store, Embedder, Config.BaseDirectory, options).IngestAsync(collection, paths, progress, cancellationToken).ConfigureAwait(false);
        if (report.FilesIngested > 0 || report.FilesRemoved.Count > 0)
        {
            Pipeline.AnswerCache?.CollectionsChanged();
        }

        return report;
    }

    public async ValueTask DisposeAsync()
    {
        if (McpTools is not null)
        {
            await McpTools.DisposeAsync().ConfigureAwait(false);
        }

        Pipeline.Cloud?.Budget?.Dispose();
        if (SharedRedis is { IsValueCreated: true } redis)
        {
            redis.Value.Dispose();
        }
        Models.Dispose();
        if (OwnsStore)
        {
            (Store as IDisposable)?.Dispose();
        }

        Embedder.Dispose();
        ClassifierEncoder?.Dispose();
    }

    /// <summary>The guardian classifiers' own encoder, when the configured embedder is not the one they were trained on.</summary>
    private IDisposable? ClassifierEncoder { get; init; }
}
