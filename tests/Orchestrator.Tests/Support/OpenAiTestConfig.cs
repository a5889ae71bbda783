using Orchestrator.Configuration;

namespace Orchestrator.Tests.Support;

/// <summary>In-memory configurations whose openai models point at a <see cref="FakeOpenAiServer"/>.</summary>
internal static class OpenAiTestConfig
{
    public const string ModelName = "writer-model";

    public static ModelConfig Model(FakeOpenAiServer server, string? apiKeyEnv = null, IReadOnlyDictionary<string, string>? headers = null, double? timeoutSeconds = null, string? maxTokensField = null) => new()
    {
        Name = ModelName,
        Provider = ModelProviders.OpenAI,
        Endpoint = server.Endpoint.ToString(),
        Model = "fake-gpt",
        ApiKeyEnv = apiKeyEnv,
        Headers = headers ?? new Dictionary<string, string>(),
        TimeoutSeconds = timeoutSeconds,
        // Retries would replay scripted errors with back-off; tests want one request per call.
        MaxRetries = 0,
        MaxOutputTokens = 256,
        Temperature = 0.2,
        MaxTokensField = maxTokensField,
    };

    public static OrchestratorConfig Config(params ModelConfig[] models) => new()
    {
        ConfigFile = Path.Combine(Path.GetTempPath(), "orchestrator.yaml"),
        Models = models.ToDictionary(m => m.Name, StringComparer.Ordinal),
    };

    /// <summary>A variable name no other test or process uses, so tests can run in parallel.</summary>
    public static string UniqueEnvName(string prefix) => $"ORCH_TEST_{prefix}_{Guid.NewGuid():N}".ToUpperInvariant();
}
