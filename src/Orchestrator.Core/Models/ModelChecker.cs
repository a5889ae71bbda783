using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.Specialists;

namespace Orchestrator.Models;

public enum ModelCheckStatus
{
    Ok,
    Failed,

    /// <summary>The model cannot be built as configured, e.g. its api_key_env variable is not set.</summary>
    Unconfigured,
}

/// <summary>One model's result; <see cref="Detail"/> never contains keys or header values.</summary>
public sealed record ModelCheckResult(string Name, string Provider, ModelCheckStatus Status, double LatencyMs, string Detail);

/// <summary>
/// Backs <c>models check</c>: loads each configured model and runs the smallest useful call, an
/// embedding of one sentence or a generation of at most a few tokens, timing it.
/// </summary>
public sealed class ModelChecker
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly OrchestratorConfig _config;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Func<string, string?> _environment;
    private readonly TimeSpan _timeout;

    public ModelChecker(OrchestratorConfig config, ILoggerFactory loggerFactory, TimeSpan? timeout = null, Func<string, string?>? environment = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        _timeout = timeout ?? DefaultTimeout;
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>Checks every model, one at a time (so latencies are not inflated by each other), in name order.</summary>
    public async Task<IReadOnlyList<ModelCheckResult>> CheckAllAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<ModelCheckResult>();
        foreach (var name in _config.Models.Keys.Order(StringComparer.Ordinal))
        {
            results.Add(await CheckAsync(name, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    public async Task<ModelCheckResult> CheckAsync(string modelName, CancellationToken cancellationToken = default)
    {
        if (!_config.Models.TryGetValue(modelName, out var model))
        {
            return new ModelCheckResult(modelName, "?", ModelCheckStatus.Unconfigured, 0, $"model '{modelName}' is not declared under models:");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            var detail = model.IsEmbedder
                ? await EmbedAsync(modelName, timeout.Token).ConfigureAwait(false)
                : await GenerateAsync(modelName, timeout.Token).ConfigureAwait(false);
            return new ModelCheckResult(model.Name, model.Provider, ModelCheckStatus.Ok, clock.Elapsed.TotalMilliseconds, detail);
        }
        catch (ModelUnavailableException ex)
        {
            var status = ex.IsUnconfigured ? ModelCheckStatus.Unconfigured : ModelCheckStatus.Failed;
            return new ModelCheckResult(model.Name, model.Provider, status, clock.Elapsed.TotalMilliseconds, ex.Message);
        }
        catch (Exception ex) when (ModelCallFailure.IsModelFailure(ex, cancellationToken) || ex is not OperationCanceledException)
        {
            return new ModelCheckResult(model.Name, model.Provider, ModelCheckStatus.Failed, clock.Elapsed.TotalMilliseconds, ModelCallFailure.Explain(model.Name, model.Endpoint, ex));
        }
    }

    private async Task<string> EmbedAsync(string modelName, CancellationToken cancellationToken)
    {
        using var embedder = ModelFactory.CreateEmbedder(_config, modelName);
        var vector = await embedder.EmbedOneAsync("The quick brown fox jumps over the lazy dog.", cancellationToken).ConfigureAwait(false);
        return $"embedded one sentence ({vector.Length} dimensions)";
    }

    /// <summary>A proxy, captive portal or wrong URL can answer 200 with something that is no chat completion: that is not "ok".</summary>
    private static ModelUnavailableException NotAChatCompletion(string modelName, string what, Exception? inner)
    {
        var message = $"model '{modelName}' answered, but not with a chat completion ({what}); check that endpoint points to an OpenAI-compatible API, e.g. https://api.openai.com/v1 or http://localhost:11434/v1";
        return inner is null ? new ModelUnavailableException(message) : new ModelUnavailableException(message, inner);
    }

    private async Task<string> GenerateAsync(string modelName, CancellationToken cancellationToken)
    {
        using var client = ModelFactory.CreateChatClient(_config, modelName, _loggerFactory, _environment);
        var options = new ChatOptions { MaxOutputTokens = 8, Temperature = 0 };
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync("Reply with OK", options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or KeyNotFoundException or System.Text.Json.JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            // The SDK could not read the reply as a chat completion.
            throw NotAChatCompletion(modelName, ex.Message.Split('\n', 2)[0].Trim(), ex);
        }

        // No text and no tokens spent is no answer (a model that reasons may spend all 8 tokens silently).
        if (response.Text.Length == 0 && (response.Usage?.OutputTokenCount ?? 0) == 0)
        {
            throw NotAChatCompletion(modelName, "no text and no output tokens", null);
        }

        var text = ModelOutput.Clean(response.Text, 40).Trim();
        return $"generated {response.Usage?.OutputTokenCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} tokens: \"{text}\"";
    }
}
