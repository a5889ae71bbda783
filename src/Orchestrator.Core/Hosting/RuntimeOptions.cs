using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Pii;
using Orchestrator.Models;
using Orchestrator.Prompts;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Routing;
using Orchestrator.Specialists;
using Orchestrator.Tools;


namespace Orchestrator.Hosting;

/// <summary>Start-up options: logging, progress reporting for long work, and the clock.</summary>
public sealed record RuntimeOptions
{
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Receives ingest progress while empty collections are filled at start-up.</summary>
    public IProgress<IngestProgress>? IngestProgress { get; init; }

    /// <summary>Receives one line per start-up step ("fitting router", ...), for stderr.</summary>
    public IProgress<string>? Status { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Open a TCP connection to each escalation endpoint at start-up and warn when one is unreachable (long-running services).</summary>
    public bool ProbeEscalationEndpoints { get; init; }

    /// <summary>Fill collections that are empty from their configured paths (the sample's first run), and re-embed those embedded by another model (<see cref="StartupIngestion"/>).</summary>
    public bool AutoIngest { get; init; } = true;

    /// <summary>The tools agents may call (plugins and MCP tools); an empty registry when null.</summary>
    public ToolRegistry? Tools { get; init; }

    /// <summary>Guardian checks of the host's own, added to the built-in ones; agents list them by name.</summary>
    public IReadOnlyList<IGuardianCheck> GuardianChecks { get; init; } = [];

    /// <summary>Specialists of the host's own, by agent name; they take precedence over the kind rules.</summary>
    public IReadOnlyDictionary<string, ISpecialist> AgentSpecialists { get; init; } = new Dictionary<string, ISpecialist>();

    /// <summary>Specialists of the host's own, by agent kind; they replace the built-in one for that kind.</summary>
    public IReadOnlyDictionary<AgentKind, ISpecialist> KindSpecialists { get; init; } = new Dictionary<AgentKind, ISpecialist>();

    /// <summary>
    /// The host's own chat clients by model name, for models declared <c>provider: host</c> (the container's
    /// keyed <c>IChatClient</c>s under <c>AddOrchestrator</c>); null when the host has none, as in the CLI. The
    /// runtime does not dispose them.
    /// </summary>
    public Func<string, IChatClient?>? HostChatClients { get; init; }

    /// <summary>A vector store of the host's own, used instead of the configured one. The runtime does not dispose it.</summary>
    public IVectorStore? VectorStore { get; init; }

    /// <summary>
    /// The host's dependency series (Redis, Qdrant), created by the container from its <c>IMeterFactory</c>; when null (a
    /// runtime started without a container) they are not recorded.
    /// </summary>
    internal State.DependencyMetrics? DependencyMetrics { get; init; }
}
