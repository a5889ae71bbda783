using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.Models.Resilience;

namespace Orchestrator.Models;

/// <summary>
/// The chat clients of one runtime, by model name: each is built on first use (so a model with a
/// missing key only fails the requests that need it) and disposed with the registry. A failed
/// build is not cached, so setting the variable and retrying works without a restart.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    private readonly OrchestratorConfig _config;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Func<OrchestratorConfig, string, ILoggerFactory, IChatClient> _create;
    private readonly Dictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _disposed;

    public ModelRegistry(OrchestratorConfig config, ILoggerFactory loggerFactory)
        : this(config, loggerFactory, TimeProvider.System)
    {
    }

    /// <summary>Openai models get their resilience pipeline, timed by <paramref name="timeProvider"/>.</summary>
    public ModelRegistry(OrchestratorConfig config, ILoggerFactory loggerFactory, TimeProvider timeProvider)
        : this(config, loggerFactory, timeProvider, create: null)
    {
    }

    /// <summary>
    /// As above; <paramref name="hostChatClients"/> returns the host's own client for a <c>provider: host</c>
    /// model by its name (null when the host registered none), wrapped like every other model's client.
    /// </summary>
    public ModelRegistry(OrchestratorConfig config, ILoggerFactory loggerFactory, TimeProvider timeProvider, Func<string, IChatClient?> hostChatClients)
        : this(config, loggerFactory, timeProvider, create: null, hostChatClients ?? throw new ArgumentNullException(nameof(hostChatClients)))
    {
    }

    /// <summary>With a custom client factory, e.g. one that reads secrets from elsewhere; its clients get no resilience pipeline.</summary>
    public ModelRegistry(OrchestratorConfig config, ILoggerFactory loggerFactory, Func<OrchestratorConfig, string, ILoggerFactory, IChatClient> create)
        : this(config, loggerFactory, TimeProvider.System, create ?? throw new ArgumentNullException(nameof(create)))
    {
    }

    private ModelRegistry(OrchestratorConfig config, ILoggerFactory loggerFactory, TimeProvider timeProvider, Func<OrchestratorConfig, string, ILoggerFactory, IChatClient>? create, Func<string, IChatClient?>? hostChatClients = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        Resilience = new ModelResilience(timeProvider ?? throw new ArgumentNullException(nameof(timeProvider)), loggerFactory);
        Resilience.UseClients(GetChatClient);
        _create = create ?? ((c, name, logging) => ModelFactory.CreateChatClient(c, name, logging, Environment.GetEnvironmentVariable, Resilience, hostChatClients));
    }

    public OrchestratorConfig Config => _config;

    /// <summary>The per-model resilience pipelines and what they did, e.g. <c>Resilience.Snapshot("cloud")</c>.</summary>
    public ModelResilience Resilience { get; }

    /// <summary>True when the name is a configured generative model (not an embedder).</summary>
    public bool IsChatModel(string modelName) =>
        _config.Models.TryGetValue(modelName, out var model) && !model.IsEmbedder;

    /// <summary>The named model's chat client, built once; throws <see cref="ModelUnavailableException"/> when it cannot be built.</summary>
    public IChatClient GetChatClient(string modelName)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_clients.TryGetValue(modelName, out var client))
            {
                client = _create(_config, modelName, _loggerFactory);
                _clients[modelName] = client;
            }

            return client;
        }
    }

    public void Dispose()
    {
        List<IChatClient> clients;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            clients = [.. _clients.Values];
            _clients.Clear();
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        Resilience.Dispose();
    }
}
