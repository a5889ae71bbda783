using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Polly;
using Polly.Registry;

namespace Orchestrator.Models.Resilience;

/// <summary>
/// The resilience pipelines of one runtime, keyed by model name (one per model, so a failing cloud
/// model opens only its own circuit), and the record of what they did.
/// </summary>
public sealed class ModelResilience : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> _pipelines = new();
    private readonly ILogger _logger;
    private Func<string, IChatClient>? _clients;

    public ModelResilience(TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _logger = loggerFactory.CreateLogger("Orchestrator.Models.Resilience");
        Events = new ResilienceEvents(timeProvider);
    }

    public TimeProvider TimeProvider { get; }

    public ResilienceEvents Events { get; }

    internal ILogger Logger => _logger;

    /// <summary>Retries, timeouts, rejections, hedges and breaker transitions of one model so far.</summary>
    public ModelResilienceSnapshot Snapshot(string modelName) => Events.Snapshot(modelName);

    /// <summary>Where hedging finds its secondary model's client; the model registry connects itself here.</summary>
    public void UseClients(Func<string, IChatClient> clients) => _clients = clients ?? throw new ArgumentNullException(nameof(clients));

    /// <summary>The model's pipeline, built and validated on first use.</summary>
    internal ResiliencePipeline<ChatAttempt> GetPipeline(ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Resilience ?? ResilienceConfig.Default;
        config.Validate(model);
        var context = new ModelPipelineContext(model, config, Events, _logger, TimeProvider, Clients);
        return _pipelines.GetOrAddPipeline<ChatAttempt>(model.Name, builder => ModelPipelineBuilder.Configure(builder, context));
    }

    public void Dispose() => _pipelines.Dispose();

    private IChatClient Clients(string modelName) =>
        _clients?.Invoke(modelName)
        ?? throw new ModelUnavailableException($"hedging model '{modelName}' cannot be reached: no model registry is connected to this resilience instance");
}
