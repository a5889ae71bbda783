namespace Orchestrator.Configuration;

/// <summary>
/// The <c>resilience:</c> block of an openai model: how its calls are timed out, retried, broken and
/// limited. Every property has the documented default, so a model without the block gets these.
/// </summary>
public sealed record ResilienceConfig
{
    public static ResilienceConfig Default { get; } = new();

    /// <summary>False turns the pipeline off; the OpenAI SDK's own retry policy (model <c>max_retries</c>) applies instead.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Whole call, retries and back-off included.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>One attempt against the endpoint (for streams: until the first update).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries after the first attempt; null inherits the model's <c>max_retries</c>, else 3.</summary>
    public int? MaxRetries { get; init; }

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Caps both the exponential back-off and a server's Retry-After.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    public CircuitBreakerConfig CircuitBreaker { get; init; } = new();

    /// <summary>Calls in flight to the endpoint at once; more wait in the queue.</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>Calls that may wait for a slot; beyond that they are rejected at once.</summary>
    public int QueueLimit { get; init; } = 64;

    /// <summary>Optional: race a second model when this one is slow or failing.</summary>
    public HedgingConfig? Hedging { get; init; }

    /// <summary>The retry count actually used: this block's, else the model's <c>max_retries</c>, else 3.</summary>
    public int EffectiveMaxRetries(ModelConfig model) => MaxRetries ?? model?.MaxRetries ?? 3;

    /// <summary>Start-up check for configurations built in code; YAML is checked, with file:line, by the parser.</summary>
    public void Validate(ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var at = $"models.{model.Name}.resilience";
        Check(TotalTimeout > TimeSpan.Zero, $"{at}.total_timeout_seconds must be greater than 0");
        Check(AttemptTimeout > TimeSpan.Zero, $"{at}.attempt_timeout_seconds must be greater than 0");
        Check(AttemptTimeout <= TotalTimeout, $"{at}.attempt_timeout_seconds ({AttemptTimeout.TotalSeconds} s) must not exceed total_timeout_seconds ({TotalTimeout.TotalSeconds} s)");
        Check(EffectiveMaxRetries(model) >= 0, $"{at}.max_retries must be 0 or more");
        Check(BaseDelay > TimeSpan.Zero && MaxDelay >= BaseDelay, $"{at}.base_delay_ms must be greater than 0 and at most max_delay_seconds");
        Check(CircuitBreaker.FailureRatio is > 0 and <= 1, $"{at}.circuit_breaker.failure_ratio must be in (0, 1]");
        Check(CircuitBreaker.MinimumThroughput >= 2, $"{at}.circuit_breaker.minimum_throughput must be 2 or more");
        Check(CircuitBreaker.SamplingDuration >= TimeSpan.FromSeconds(0.5), $"{at}.circuit_breaker.sampling_seconds must be 0.5 or more");
        Check(CircuitBreaker.BreakDuration >= TimeSpan.FromSeconds(0.5), $"{at}.circuit_breaker.break_seconds must be 0.5 or more");
        Check(MaxConcurrency >= 1 && QueueLimit >= 0, $"{at}.max_concurrency must be 1 or more and queue_limit 0 or more");
        if (Hedging is { } h)
        {
            Check(h.Model != model.Name, $"{at}.hedging.model must name another model, not '{model.Name}' itself");
            Check(h.Delay >= TimeSpan.Zero, $"{at}.hedging.delay_ms must be 0 or more");
            Check(EffectiveMaxRetries(model) > 0, $"{at}.max_retries is 0 while hedging is on; hedging needs retries (set max_retries to 1 or more, or remove hedging)");
        }

        static void Check(bool ok, string message)
        {
            if (!ok)
            {
                throw new InvalidOperationException(message);
            }
        }
    }
}

/// <summary>Opens after <see cref="FailureRatio"/> of at least <see cref="MinimumThroughput"/> calls in <see cref="SamplingDuration"/> failed.</summary>
public sealed record CircuitBreakerConfig
{
    public double FailureRatio { get; init; } = 0.5;

    public int MinimumThroughput { get; init; } = 10;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long calls fail fast before one probe is let through.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>After <see cref="Delay"/> without an answer (or at once on a transient failure), the same request also goes to <see cref="Model"/>; the first good answer wins.</summary>
public sealed record HedgingConfig
{
    public required string Model { get; init; }

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The <c>chaos:</c> block: Polly's chaos strategies inject faults and latency into a model's calls,
/// innermost, so the resilience pipeline handles them as it would real ones. Off unless configured;
/// a testing aid for rehearsing failures, never for production traffic.
/// </summary>
public sealed record ChaosConfig
{
    /// <summary>Share of calls (0..1) that fail with an injected HTTP <see cref="OutcomeStatus"/> error.</summary>
    public double FaultRate { get; init; }

    /// <summary>Share of calls (0..1) delayed by <see cref="Latency"/> before they are sent.</summary>
    public double LatencyRate { get; init; }

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>HTTP status of injected faults; 503 by default.</summary>
    public int OutcomeStatus { get; init; } = 503;

    /// <summary>Seed for the injection decisions, for reproducible rehearsals; null draws at random.</summary>
    public int? Seed { get; init; }
}
