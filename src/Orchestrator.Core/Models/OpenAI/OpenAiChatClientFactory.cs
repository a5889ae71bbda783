using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using Orchestrator.Configuration;

namespace Orchestrator.Models.OpenAI;

/// <summary>Builds the raw (undecorated) chat client for a model with provider <c>openai</c>.</summary>
internal static class OpenAiChatClientFactory
{
    /// <summary>
    /// Sent when no api_key_env is configured: local servers such as Ollama ignore the key, but the
    /// SDK refuses to build a client without one.
    /// </summary>
    internal const string PlaceholderKey = "no-key-configured";

    /// <param name="sdkRetries">False when our resilience pipeline retries: the SDK then makes exactly one attempt per call.</param>
    public static IChatClient Create(ModelConfig model, Func<string, string?> environment, bool sdkRetries = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(environment);
        var options = new OpenAIClientOptions { Endpoint = new Uri(model.Endpoint ?? "https://api.openai.com/v1") };
        if (!model.PropagateTraceContext)
        {
            options.Transport = UntracedTransport.Instance;
        }

        if (model.TimeoutSeconds is { } seconds)
        {
            options.NetworkTimeout = TimeSpan.FromSeconds(seconds);
        }

        if (!sdkRetries)
        {
            options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        }
        else if (model.MaxRetries is { } retries)
        {
            options.RetryPolicy = new ClientRetryPolicy(retries);
        }

        var headers = model.Headers.ToDictionary(h => h.Key, h => ExpandHeader(h.Value, h.Key, environment), StringComparer.OrdinalIgnoreCase);
        if (headers.Count > 0)
        {
            options.AddPolicy(new StaticHeadersPolicy(headers), PipelinePosition.PerCall);
        }

        if (model.MaxTokensField == MaxTokensFields.MaxTokens)
        {
            options.AddPolicy(MaxTokensFieldPolicy.Instance, PipelinePosition.PerCall);
        }

        var client = new OpenAIClient(new ApiKeyCredential(ResolveKey(model, environment)), options);
        return client.GetChatClient(model.Model ?? model.Name).AsIChatClient();
    }

    private static string ExpandHeader(string value, string headerName, Func<string, string?> environment) =>
        HeaderEnvReference.TryExpand(value, environment, out var missing)
            ?? throw new ModelUnavailableException($"header '{headerName}' needs the environment variable {missing}, which is not set", isUnconfigured: true);

    private static string ResolveKey(ModelConfig model, Func<string, string?> environment)
    {
        if (model.ApiKeyEnv is not { } variable)
        {
            return PlaceholderKey;
        }

        return environment(variable) is { Length: > 0 } key
            ? key
            : throw new ModelUnavailableException(
                $"model '{model.Name}' needs an API key in the environment variable {variable}, which is not set; set it (e.g. export {variable}=...) or remove api_key_env for a local endpoint",
                isUnconfigured: true);
    }

    /// <summary>Adds the configured headers to every request; values are never logged.</summary>
    private sealed class StaticHeadersPolicy(IReadOnlyDictionary<string, string> headers) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Apply(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Apply(message);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Apply(PipelineMessage message)
        {
            foreach (var (name, value) in headers)
            {
                message.Request.Headers.Set(name, value);
            }
        }
    }
}
