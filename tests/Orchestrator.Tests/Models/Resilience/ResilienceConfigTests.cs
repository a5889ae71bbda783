using Orchestrator.Configuration;
using Orchestrator.Tests.Agents;
using static Orchestrator.Tests.Agents.ConfigAssert;

namespace Orchestrator.Tests.Models.Resilience;

/// <summary>The resilience and chaos blocks under models: parsing, defaults and every invalid setting, reported at file:line.</summary>
public sealed class ResilienceConfigTests
{
    private const string Ollama = "  ollama:       { provider: openai, endpoint: http://localhost:11434/v1, model: qwen2.5:3b }";

    private static ConfigLoadResult Load(string fields, string? extraModel = null)
    {
        using var fixture = new ConfigFixture();
        var line = Ollama.Replace("qwen2.5:3b }", $"qwen2.5:3b, {fields} }}", StringComparison.Ordinal);
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace(Ollama, extraModel is null ? line : line + "\n" + extraModel, StringComparison.Ordinal));
        return fixture.Load();
    }

    /// <summary>The ollama model written out as a block, with <paramref name="extraLines"/> after its model line.</summary>
    private static ConfigLoadResult LoadBlock(string extraLines)
    {
        using var fixture = new ConfigFixture();
        var block = """
              ollama:
                provider: openai
                endpoint: http://localhost:11434/v1
                model: qwen2.5:3b
            """ + "\n" + extraLines.TrimEnd();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace(Ollama, block, StringComparison.Ordinal));
        return fixture.Load();
    }

    private static ConfigError Invalid(string resilience, string fragment) =>
        HasError(Load($"resilience: {{ {resilience} }}"), "orchestrator.yaml", 4, fragment);

    [Fact]
    public void Full_block_parses()
    {
        var result = LoadBlock("""
                resilience:
                  total_timeout_seconds: 60
                  attempt_timeout_seconds: 20
                  max_retries: 2
                  base_delay_ms: 250
                  max_delay_seconds: 8
                  circuit_breaker: { failure_ratio: 0.4, minimum_throughput: 5, sampling_seconds: 20, break_seconds: 10 }
                  max_concurrency: 4
                  queue_limit: 8
                  hedging: { model: cloud, delay_ms: 1500 }
                chaos: { fault_rate: 0.3, latency_rate: 0.1, latency_ms: 700, outcome_status: 429, seed: 7 }
            """);

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        var model = result.Config!.Models["ollama"];
        var r = model.Resilience!;
        Assert.Equal((60d, 20d, 2), (r.TotalTimeout.TotalSeconds, r.AttemptTimeout.TotalSeconds, r.EffectiveMaxRetries(model)));
        Assert.Equal((250d, 8d), (r.BaseDelay.TotalMilliseconds, r.MaxDelay.TotalSeconds));
        Assert.Equal(new CircuitBreakerConfig { FailureRatio = 0.4, MinimumThroughput = 5, SamplingDuration = TimeSpan.FromSeconds(20), BreakDuration = TimeSpan.FromSeconds(10) }, r.CircuitBreaker);
        Assert.Equal((4, 8), (r.MaxConcurrency, r.QueueLimit));
        Assert.Equal(new HedgingConfig { Model = "cloud", Delay = TimeSpan.FromMilliseconds(1500) }, r.Hedging);
        Assert.Equal(new ChaosConfig { FaultRate = 0.3, LatencyRate = 0.1, Latency = TimeSpan.FromMilliseconds(700), OutcomeStatus = 429, Seed = 7 }, model.Chaos);
    }

    [Fact]
    public void Absent_block_means_defaults_and_no_chaos()
    {
        var result = Load("max_retries: 1");

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        var model = result.Config!.Models["ollama"];
        Assert.Null(model.Resilience);
        Assert.Null(model.Chaos);
        Assert.Equal(1, ResilienceConfig.Default.EffectiveMaxRetries(model));
        Assert.Equal(3, ResilienceConfig.Default.EffectiveMaxRetries(result.Config.Models["cloud"]));
    }

    [Fact]
    public void Errors_point_at_the_setting_line()
    {
        var result = LoadBlock("""
                resilience:
                  max_retries: 1
                  attempt_timeout_seconds: -1
            """);

        HasError(result, "orchestrator.yaml", 10, "'attempt_timeout_seconds' is -1");
    }

    [Theory]
    [InlineData("total_timeout_seconds: 0", "'total_timeout_seconds' is 0")]
    [InlineData("total_timeout_seconds: -5", "'total_timeout_seconds' is -5")]
    [InlineData("attempt_timeout_seconds: 0", "'attempt_timeout_seconds' is 0")]
    [InlineData("total_timeout_seconds: 10, attempt_timeout_seconds: 30", "'attempt_timeout_seconds' (30 s) exceeds 'total_timeout_seconds' (10 s)")]
    [InlineData("max_retries: -1", "'max_retries' is -1")]
    [InlineData("base_delay_ms: 0", "'base_delay_ms' is 0")]
    [InlineData("base_delay_ms: 5000, max_delay_seconds: 2", "'base_delay_ms' (5000 ms) exceeds 'max_delay_seconds'")]
    [InlineData("circuit_breaker: { failure_ratio: 0 }", "'failure_ratio' is 0")]
    [InlineData("circuit_breaker: { failure_ratio: 1.5 }", "'failure_ratio' is 1.5")]
    [InlineData("circuit_breaker: { minimum_throughput: 1 }", "'minimum_throughput' is 1")]
    [InlineData("circuit_breaker: { break_seconds: 0.1 }", "'break_seconds' is 0.1")]
    [InlineData("circuit_breaker: { sampling_seconds: 0 }", "'sampling_seconds' is 0")]
    [InlineData("max_concurrency: 0", "'max_concurrency' is 0")]
    [InlineData("queue_limit: -1", "'queue_limit' is -1")]
    [InlineData("max_retries: 0, hedging: { model: cloud }", "'max_retries' is 0 while hedging is on")]
    [InlineData("hedging: { model: ollama }", "hedging needs a different model")]
    [InlineData("hedging: { model: nowhere }", "hedging model 'nowhere' is not declared under models")]
    [InlineData("hedging: { model: embedder }", "hedging model 'embedder' is an embedder")]
    [InlineData("hedging: { delay_ms: 10 }", "missing required field 'model' in models.ollama.resilience.hedging")]
    [InlineData("retries: 2", "unknown field 'retries' in models.ollama.resilience")]
    public void Invalid_setting_is_reported_with_its_name(string resilience, string fragment) => Invalid(resilience, fragment);

    [Fact]
    public void Zero_retries_inherited_from_the_model_with_hedging_is_an_error()
    {
        HasError(Load("max_retries: 0, resilience: { hedging: { model: cloud } }"), "orchestrator.yaml", 4, "'max_retries' is 0 while hedging is on");
    }

    [Fact]
    public void Hedging_does_not_chain()
    {
        var result = Load(
            "resilience: { hedging: { model: spare } }",
            "  spare: { provider: openai, endpoint: http://localhost:11435/v1, model: m, resilience: { hedging: { model: ollama } } }");

        HasError(result, "orchestrator.yaml", 4, "hedging model 'spare' itself hedges to 'ollama'");
    }

    [Theory]
    [InlineData("chaos: { fault_rate: 1.2 }", "'fault_rate' is 1.2")]
    [InlineData("chaos: { latency_rate: -0.1 }", "'latency_rate' is -0.1")]
    [InlineData("chaos: { outcome_status: 200 }", "'outcome_status' is 200")]
    [InlineData("chaos: { fault_rate: 0.5 }, resilience: { enabled: false }", "'chaos' in models.ollama needs the resilience pipeline")]
    public void Invalid_chaos_is_reported(string fields, string fragment) => HasError(Load(fields), "orchestrator.yaml", 4, fragment);

    [Fact]
    public void Resilience_does_not_apply_to_onnx_models()
    {
        using var fixture = new ConfigFixture();
        fixture.Write("orchestrator.yaml", ConfigFixture.OrchestratorYaml.Replace(
            "path: models/phi-4-mini-instruct-onnx }", "path: models/phi-4-mini-instruct-onnx, resilience: { max_retries: 1 } }", StringComparison.Ordinal));

        HasError(fixture.Load(), "orchestrator.yaml", 3, "field 'resilience' does not apply to provider onnx");
    }

    [Theory]
    [InlineData("TotalTimeout", "total_timeout_seconds")]
    [InlineData("AttemptOverTotal", "attempt_timeout_seconds")]
    [InlineData("Ratio", "circuit_breaker.failure_ratio")]
    [InlineData("HedgeWithoutRetries", "max_retries is 0 while hedging is on")]
    [InlineData("HedgeSelf", "hedging.model must name another model")]
    public void Configs_built_in_code_are_validated_at_start_up(string bad, string fragment)
    {
        var model = new ModelConfig { Name = "m", Provider = ModelProviders.OpenAI };
        var config = bad switch
        {
            "TotalTimeout" => new ResilienceConfig { TotalTimeout = TimeSpan.Zero },
            "AttemptOverTotal" => new ResilienceConfig { TotalTimeout = TimeSpan.FromSeconds(1), AttemptTimeout = TimeSpan.FromSeconds(2) },
            "Ratio" => new ResilienceConfig { CircuitBreaker = new CircuitBreakerConfig { FailureRatio = 0 } },
            "HedgeWithoutRetries" => new ResilienceConfig { MaxRetries = 0, Hedging = new HedgingConfig { Model = "other" } },
            _ => new ResilienceConfig { Hedging = new HedgingConfig { Model = "m" } },
        };

        var error = Assert.Throws<InvalidOperationException>(() => config.Validate(model));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("models.m.resilience", error.Message, StringComparison.Ordinal);
    }
}
