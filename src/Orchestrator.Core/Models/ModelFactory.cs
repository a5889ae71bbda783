using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.Models.Batching;
using Orchestrator.Models.OpenAI;
using Orchestrator.Models.Resilience;

namespace Orchestrator.Models;

/// <summary>
/// Turns models declared by name in configuration into Microsoft.Extensions.AI clients: the
/// embedded MiniLM embedder, and the generative providers as <see cref="IChatClient"/>s decorated
/// through <see cref="ChatClientBuilder"/> with option defaults, OpenTelemetry and logging.
/// </summary>
public static class ModelFactory
{
    /// <summary>The ActivitySource / Meter name chat clients report under.</summary>
    public const string TelemetrySourceName = "Orchestrator";

    public static IEmbeddingGenerator<string, Embedding<float>> CreateEmbedder(OrchestratorConfig config, string modelName)
    {
        var model = Find(config, modelName);
        return model.Provider switch
        {
            ModelProviders.EmbeddedMiniLm => CreateServingEmbedder(new MiniLmEmbeddingGenerator(batchSize: 32, maxConcurrentBatches: null, intraOpThreads: ServingIntraOpThreads, EmbedderQuantization(model))),
            _ => throw new InvalidOperationException(
                $"model '{modelName}' uses provider '{model.Provider}', which cannot embed; use provider {ModelProviders.EmbeddedMiniLm}"),
        };
    }

    /// <summary>
    /// The configured <c>quantization:</c> of an embedded-minilm model; omitted means
    /// <see cref="EmbedderQuantizations.Default"/> (int8: docs/benchmarks.md, "int8 as the default").
    /// </summary>
    public static MiniLmQuantization EmbedderQuantization(ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (model.Quantization ?? EmbedderQuantizations.Default) switch
        {
            EmbedderQuantizations.Int8 => MiniLmQuantization.Int8,
            EmbedderQuantizations.None => MiniLmQuantization.None,
            var other => throw new InvalidOperationException(
                $"model '{model.Name}' has quantization '{other}'; expected one of: {string.Join(", ", EmbedderQuantizations.All)}"),
        };
    }

    /// <summary>
    /// One non-spinning ONNX Runtime thread per run of the served embedder, with
    /// <see cref="ServingConcurrentBatches"/> runs at once. perf19 tried two threads per run and half as
    /// many runs (larger cross-request batches): it looked better on a loaded machine, but alternating
    /// with this setting on a quiet one it served 0.89x the requests per second at concurrency 16 and
    /// 0.92x at 64, at more CPU per request (docs/benchmarks.md, "stop 19"). Spinning threads (ONNX's
    /// default) fight the rest of the request for the cores (perf14).
    /// </summary>
    internal const int ServingIntraOpThreads = 1;

    /// <summary>
    /// The embedder as the pipeline uses it: concurrent requests share ONNX runs
    /// (<see cref="Batching.MicroBatchingEmbeddingGenerator"/>, by default <see cref="ServingConcurrentBatches"/>
    /// runs at once), and a request embeds each text once
    /// (<see cref="Batching.RequestScopedEmbeddingGenerator"/>, inside the pipeline's <see cref="Batching.EmbeddingScope"/>).
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateServingEmbedder(IEmbeddingGenerator<string, Embedding<float>> model, Batching.MicroBatchingOptions? batching = null) =>
        new EmbeddingGeneratorBuilder<string, Embedding<float>>(model)
            .UseRequestScope()
            .UseMicroBatching(batching ?? new MicroBatchingOptions
            {
                MaxConcurrentBatches = ServingConcurrentBatches(Environment.ProcessorCount),
                MinQueuedForConcurrentCall = ServingMinQueuedForConcurrentCall,
            })
            .Build();

    /// <summary>
    /// Model calls the served embedder runs at once: one per core (at least one), each single-threaded
    /// (<see cref="ServingIntraOpThreads"/>). ONNX is most of a request's CPU, so one call in flight would
    /// leave the other cores idle under load; texts that arrive while every call is busy still queue and
    /// share the next call (`orchestrator.embedder.call_texts` shows how many).
    /// </summary>
    internal static int ServingConcurrentBatches(int processorCount) => Math.Max(1, processorCount);

    /// <summary>
    /// While one model call runs, a second starts only for a backlog of at least this many requests;
    /// fewer wait for the running call and share the next. A model call has a fixed cost of about one
    /// text's (on the Zen 5 host: 1.6 ms CPU for one question, 1.0 ms per text at four, 0.97 at eight:
    /// `benchmarks … embedder-batch-cost`), which concurrent requests paid almost alone (1.1–2.1 texts per
    /// call at concurrency 16). Against one (start a free call for any backlog) it cut c=16 CPU per request
    /// by about 9 % in 2,000-request levels (3–5 texts per call), with c=64 no worse; "never a second call"
    /// saved about as much but queued every call behind one core (higher c=16 and c=64 latency), and two
    /// less (docs/benchmarks.md, "perf21"). A lone request still runs at once.
    /// </summary>
    internal const int ServingMinQueuedForConcurrentCall = 4;

    /// <summary>
    /// Builds the chat client for a generative model. Throws <see cref="ModelUnavailableException"/>
    /// when a required environment variable (api_key_env, ${NAME} in headers) is not set.
    /// </summary>
    public static IChatClient CreateChatClient(OrchestratorConfig config, string modelName, ILoggerFactory loggerFactory) =>
        CreateChatClient(config, modelName, loggerFactory, Environment.GetEnvironmentVariable);

    /// <summary>As above, with the environment supplied by the caller (tests, hosts with their own secret store).</summary>
    public static IChatClient CreateChatClient(OrchestratorConfig config, string modelName, ILoggerFactory loggerFactory, Func<string, string?> environment) =>
        CreateChatClient(config, modelName, loggerFactory, environment, resilience: null);

    /// <summary>
    /// As above; with <paramref name="resilience"/>, openai models run through their resilience pipeline
    /// (unless their <c>resilience.enabled</c> is false) and the SDK's own retries are turned off, so
    /// there is one retry layer. onnx models get no pipeline: they have their own concurrency cap and
    /// queue timeout, and retrying local inference does not help.
    /// </summary>
    public static IChatClient CreateChatClient(OrchestratorConfig config, string modelName, ILoggerFactory loggerFactory, Func<string, string?> environment, ModelResilience? resilience) =>
        CreateChatClient(config, modelName, loggerFactory, environment, resilience, hostChatClients: null);

    /// <summary>
    /// As above; <paramref name="hostChatClients"/> gives a <c>provider: host</c> model its transport, the
    /// host's own client by model name (the keyed <c>IChatClient</c> of the container). Everything else is
    /// wrapped around it as around an openai client: option defaults, telemetry, logging and, with
    /// <paramref name="resilience"/>, the resilience pipeline. Without a client for the model it throws
    /// <see cref="ModelUnavailableException"/> saying which registration to add.
    /// </summary>
    public static IChatClient CreateChatClient(OrchestratorConfig config, string modelName, ILoggerFactory loggerFactory, Func<string, string?> environment, ModelResilience? resilience, Func<string, IChatClient?>? hostChatClients)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var model = Find(config, modelName);
        var resilient = resilience is not null && model.Provider is ModelProviders.OpenAI or ModelProviders.Host && (model.Resilience ?? ResilienceConfig.Default).Enabled;
        var inner = model.Provider switch
        {
            ModelProviders.OpenAI => OpenAiChatClientFactory.Create(model, environment, sdkRetries: !resilient),
            ModelProviders.Onnx => CreateOnnxChatClient(model, config.BaseDirectory, loggerFactory),
            ModelProviders.Host => new HostChatClient(hostChatClients?.Invoke(modelName) ?? throw new ModelUnavailableException(HostChatClient.MissingMessage(modelName))),
            _ => throw new InvalidOperationException(
                $"model '{modelName}' uses provider '{model.Provider}', which cannot generate text; use provider {ModelProviders.OpenAI}, {ModelProviders.Onnx} or {ModelProviders.Host}"),
        };

        // The pipeline logs the failures it handles; M.E.AI's own failure logs drop to Debug (HandledFailureLoggerFactory).
        var decoratorLogging = HandledFailureLoggerFactory.Wrap(loggerFactory);
        var builder = new ChatClientBuilder(inner)
            .ConfigureOptions(options => ApplyDefaults(model, options))
            .UseOpenTelemetry(decoratorLogging, TelemetrySourceName)
            .UseLogging(decoratorLogging);
        return (resilient ? builder.UseResilience(model, resilience!) : builder).Build();
    }

    /// <summary>
    /// The ONNX Runtime GenAI provider: a local model folder, loaded lazily once. The result is
    /// decorated like every other chat client by <see cref="CreateChatClient(OrchestratorConfig, string, ILoggerFactory)"/>.
    /// </summary>
    private static IChatClient CreateOnnxChatClient(ModelConfig model, string configDirectory, ILoggerFactory loggerFactory)
    {
        try
        {
            return Onnx.OnnxChatClientFactory.Create(
                model,
                configDirectory,
                loggerFactory,
                OnnxOptions(model));
        }
        catch (Onnx.OnnxModelException ex)
        {
            // Callers treat every provider alike: a model that cannot be built is unavailable.
            throw new ModelUnavailableException(ex.Message, ex);
        }
    }

    private static Onnx.OnnxProviderOptions OnnxOptions(ModelConfig model)
    {
        var defaults = new Onnx.OnnxProviderOptions();
        return new Onnx.OnnxProviderOptions
        {
            MaxConcurrency = model.MaxConcurrency ?? defaults.MaxConcurrency,
            QueueTimeout = model.QueueTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.QueueTimeout,
            DefaultMaxOutputTokens = model.MaxOutputTokens ?? defaults.DefaultMaxOutputTokens,
            PromptFormat = model.PromptFormat is null or "auto" ? null : model.PromptFormat,
        };
    }

    /// <summary>Configured defaults fill in only what the caller left unset, so a caller's tiny max_output_tokens (models check) wins.</summary>
    private static void ApplyDefaults(ModelConfig model, ChatOptions options)
    {
        options.MaxOutputTokens ??= model.MaxOutputTokens;
        options.Temperature ??= (float?)model.Temperature;
    }

    private static ModelConfig Find(OrchestratorConfig config, string modelName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        return config.Models.TryGetValue(modelName, out var model)
            ? model
            : throw new InvalidOperationException($"model '{modelName}' is not declared under models: in {config.ConfigFile}");
    }
}
