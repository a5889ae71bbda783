namespace Orchestrator.Configuration;

/// <summary>
/// Reads the <c>resilience:</c> and <c>chaos:</c> blocks of an openai model. Every problem is reported
/// at its own line and names the setting; what is left unset keeps the <see cref="ResilienceConfig"/> default.
/// </summary>
internal static class ResilienceSection
{
    private static readonly string[] Fields =
        ["enabled", "total_timeout_seconds", "attempt_timeout_seconds", "max_retries", "base_delay_ms", "max_delay_seconds", "circuit_breaker", "max_concurrency", "queue_limit", "hedging"];

    private static readonly string[] BreakerFields = ["failure_ratio", "minimum_throughput", "sampling_seconds", "break_seconds"];

    private static readonly string[] ChaosFields = ["fault_rate", "latency_rate", "latency_ms", "outcome_status", "seed"];

    /// <summary>Returns null when the block is absent (the defaults apply); <paramref name="hedgingModel"/> is checked once all models are known.</summary>
    public static ResilienceConfig? Read(YamlFields model, string modelName, int? modelMaxRetries, out Located? hedgingModel)
    {
        hedgingModel = null;
        var fields = model.Map("resilience", Fields);
        if (fields is null)
        {
            return null;
        }

        var defaults = ResilienceConfig.Default;
        var total = Seconds(fields, "total_timeout_seconds") ?? defaults.TotalTimeout;
        var attempt = Seconds(fields, "attempt_timeout_seconds") ?? defaults.AttemptTimeout;
        if (attempt > total)
        {
            fields.Error(fields.Has("attempt_timeout_seconds") ? fields.At("attempt_timeout_seconds") : fields.At("total_timeout_seconds"),
                $"'attempt_timeout_seconds' ({attempt.TotalSeconds} s) exceeds 'total_timeout_seconds' ({total.TotalSeconds} s) in {fields.Section}; one attempt cannot outlast the whole call");
        }

        var baseDelay = fields.Integer("base_delay_ms", 1, 600_000) is { } ms ? TimeSpan.FromMilliseconds(ms) : defaults.BaseDelay;
        var maxDelay = Seconds(fields, "max_delay_seconds") ?? defaults.MaxDelay;
        if (baseDelay > maxDelay)
        {
            fields.Error(fields.At("base_delay_ms"), $"'base_delay_ms' ({baseDelay.TotalMilliseconds} ms) exceeds 'max_delay_seconds' ({maxDelay.TotalSeconds} s) in {fields.Section}");
        }

        var retries = (int?)fields.Integer("max_retries", 0, 10);
        var hedging = ReadHedging(fields, modelName, out hedgingModel);
        if (hedging is not null && (retries ?? modelMaxRetries ?? 3) == 0)
        {
            fields.Error(fields.Has("max_retries") ? fields.At("max_retries") : fields.At("hedging"),
                $"'max_retries' is 0 while hedging is on in {fields.Section}; hedging needs at least one retry (set max_retries to 1 or more, or remove hedging)");
        }

        return new ResilienceConfig
        {
            Enabled = fields.Boolean("enabled") ?? true,
            TotalTimeout = total,
            AttemptTimeout = attempt,
            MaxRetries = retries,
            BaseDelay = baseDelay,
            MaxDelay = maxDelay,
            CircuitBreaker = ReadBreaker(fields),
            MaxConcurrency = (int?)fields.Integer("max_concurrency", 1, 10_000) ?? defaults.MaxConcurrency,
            QueueLimit = (int?)fields.Integer("queue_limit", 0, 100_000) ?? defaults.QueueLimit,
            Hedging = hedging,
        };
    }

    public static ChaosConfig? ReadChaos(YamlFields model)
    {
        var fields = model.Map("chaos", ChaosFields);
        if (fields is null)
        {
            return null;
        }

        return new ChaosConfig
        {
            FaultRate = Rate(fields, "fault_rate"),
            LatencyRate = Rate(fields, "latency_rate"),
            Latency = fields.Integer("latency_ms", 1, 600_000) is { } ms ? TimeSpan.FromMilliseconds(ms) : new ChaosConfig().Latency,
            OutcomeStatus = (int?)fields.Integer("outcome_status", 400, 599) ?? new ChaosConfig().OutcomeStatus,
            Seed = (int?)fields.Integer("seed", 0, int.MaxValue),
        };
    }

    /// <summary>Once every model is read: hedging must name another generative model that does not hedge itself.</summary>
    public static void CheckHedgingTarget(YamlFields root, IReadOnlyDictionary<string, ModelConfig> models, Located target)
    {
        ReferenceCatalog.CheckGenerativeModel(models, target, "hedging model", root);
        if (models.TryGetValue(target.Value, out var secondary) && secondary.Resilience?.Hedging is not null)
        {
            root.Error(target.At, $"hedging model '{target.Value}' itself hedges to '{secondary.Resilience.Hedging.Model}'; hedging does not chain, pick a model without hedging");
        }
    }

    private static HedgingConfig? ReadHedging(YamlFields fields, string modelName, out Located? target)
    {
        target = null;
        var hedging = fields.Map("hedging", ["model", "delay_ms"]);
        var model = hedging?.Text("model", required: true, expected: "the name of another generative model, e.g. cloud-secondary");
        if (hedging is null || model is not { } m)
        {
            return null;
        }

        if (m.Value == modelName)
        {
            hedging.Error(m.At, $"'model' in {hedging.Section} is '{m.Value}', the model itself; hedging needs a different model");
            return null;
        }

        target = m;
        var delay = hedging.Integer("delay_ms", 0, 600_000);
        return new HedgingConfig { Model = m.Value, Delay = delay is { } ms ? TimeSpan.FromMilliseconds(ms) : new HedgingConfig { Model = m.Value }.Delay };
    }

    private static CircuitBreakerConfig ReadBreaker(YamlFields fields)
    {
        var defaults = new CircuitBreakerConfig();
        var breaker = fields.Map("circuit_breaker", BreakerFields);
        if (breaker is null)
        {
            return defaults;
        }

        var ratio = breaker.Number("failure_ratio", 0);
        if (ratio is { } r && (r <= 0 || r > 1))
        {
            breaker.Error(breaker.At("failure_ratio"), $"'failure_ratio' is {r} in {breaker.Section}; expected a number above 0 and at most 1 (0.5 = half the calls failed)");
            ratio = null;
        }

        return new CircuitBreakerConfig
        {
            FailureRatio = ratio ?? defaults.FailureRatio,
            MinimumThroughput = (int?)breaker.Integer("minimum_throughput", 2, 1_000_000) ?? defaults.MinimumThroughput,
            SamplingDuration = Seconds(breaker, "sampling_seconds", 0.5) ?? defaults.SamplingDuration,
            BreakDuration = Seconds(breaker, "break_seconds", 0.5) ?? defaults.BreakDuration,
        };
    }

    /// <summary>A duration in seconds that must be above <paramref name="min"/> (above zero by default: a zero timeout fails every call).</summary>
    private static TimeSpan? Seconds(YamlFields fields, string field, double min = 0)
    {
        var value = fields.Number(field, min);
        if (value is 0 && min == 0)
        {
            fields.Error(fields.At(field), $"'{field}' is 0 in {fields.Section}; expected a number of seconds greater than 0");
            return null;
        }

        return value is { } s ? TimeSpan.FromSeconds(s) : null;
    }

    private static double Rate(YamlFields fields, string field)
    {
        var value = fields.Number(field, 0);
        if (value > 1)
        {
            fields.Error(fields.At(field), $"'{field}' is {value} in {fields.Section}; expected a share of calls from 0 to 1, e.g. 0.3");
            return 0;
        }

        return value ?? 0;
    }
}
