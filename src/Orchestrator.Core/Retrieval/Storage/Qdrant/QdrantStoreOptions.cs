using Orchestrator.Configuration;

namespace Orchestrator.Retrieval.Storage;

/// <summary>Connection settings for <see cref="QdrantVectorStore"/>, validated when built from configuration.</summary>
public sealed record QdrantStoreOptions
{
    /// <summary>The gRPC endpoint (Qdrant listens on 6334 for gRPC, 6333 for REST).</summary>
    public required Uri Url { get; init; }

    /// <summary>The API key, read from the environment variable the configuration names; never logged.</summary>
    public string? ApiKey { get; init; }

    public string CollectionPrefix { get; init; } = "orchestrator_";

    /// <summary>Deadline for each call, so an unreachable server fails fast instead of hanging a request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Builds the options from the <c>store:</c> section. The parser has checked the shape; this
    /// checks what only start-up can see, such as whether the API key variable is set.
    /// </summary>
    public static QdrantStoreOptions FromConfig(StoreConfig store, string configFile, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        environment ??= Environment.GetEnvironmentVariable;
        if (store.Url is null || !Uri.TryCreate(store.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new StoreException(
                $"store.url '{store.Url}' in {configFile} is not an http(s) URL; set it to the Qdrant gRPC endpoint, e.g. url: http://localhost:6334");
        }

        string? apiKey = null;
        if (store.ApiKeyEnv is { } variable)
        {
            apiKey = environment(variable);
            if (string.IsNullOrWhiteSpace(apiKey))
            {
                throw new StoreException(
                    $"store.api_key_env in {configFile} names the environment variable '{variable}', which is not set; " +
                    $"export {variable}=<your Qdrant API key>, or remove api_key_env for a server without authentication");
            }
        }

        return new QdrantStoreOptions { Url = url, ApiKey = apiKey, CollectionPrefix = store.CollectionPrefix };
    }
}
