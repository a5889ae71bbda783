using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Orchestrator.Models.Resilience;

/// <summary>What one model's resilience pipeline has done since the runtime started.</summary>
public sealed record ModelResilienceSnapshot(
    string Model,
    int Retries,
    int Timeouts,
    int Rejections,
    int Hedges,
    int BreakerOpened,
    int BreakerHalfOpened,
    int BreakerClosed,
    IReadOnlyList<DateTimeOffset> OpenedAt,
    IReadOnlyList<DateTimeOffset> ClosedAt,
    TimeSpan? LastRetryDelay)
{
    public static ModelResilienceSnapshot Empty(string model) => new(model, 0, 0, 0, 0, 0, 0, 0, [], [], null);
}

/// <summary>
/// In-memory record of retries, timeouts, rejections, hedges and circuit-breaker transitions per
/// model (the fault-injection benchmark reports them), also counted on the "Orchestrator" meter.
/// </summary>
public sealed class ResilienceEvents
{
    private static readonly Meter Meter = new(ModelFactory.TelemetrySourceName);
    private static readonly Counter<long> RetryCounter = Meter.CreateCounter<long>("orchestrator.model.retries", description: "Model calls retried after a transient failure");
    private static readonly Counter<long> TimeoutCounter = Meter.CreateCounter<long>("orchestrator.model.timeouts", description: "Model attempts or calls that timed out");
    private static readonly Counter<long> RejectionCounter = Meter.CreateCounter<long>("orchestrator.model.rejections", description: "Model calls refused without reaching the endpoint (circuit open, queue full)");
    private static readonly Counter<long> HedgeCounter = Meter.CreateCounter<long>("orchestrator.model.hedges", description: "Hedged calls sent to a secondary model");
    private static readonly Counter<long> BreakerCounter = Meter.CreateCounter<long>("orchestrator.model.circuit_transitions", description: "Circuit-breaker state changes, tagged with the new state");

    private readonly ConcurrentDictionary<string, ModelCounters> _models = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ResilienceEvents(TimeProvider timeProvider) => _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public ModelResilienceSnapshot Snapshot(string modelName) =>
        _models.TryGetValue(modelName, out var counters) ? counters.Snapshot(modelName) : ModelResilienceSnapshot.Empty(modelName);

    public IReadOnlyList<ModelResilienceSnapshot> SnapshotAll() =>
        [.. _models.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value.Snapshot(m.Key))];

    /// <summary>When the model's open circuit lets a probe through; null when it is not open.</summary>
    internal DateTimeOffset? OpenUntil(string modelName) =>
        _models.TryGetValue(modelName, out var counters) ? counters.OpenUntil : null;

    internal void Retried(string model, TimeSpan delay)
    {
        Update(model, c => (c.Retries, c.LastRetryDelay) = (c.Retries + 1, delay));
        RetryCounter.Add(1, Tag(model));
    }

    internal void TimedOut(string model)
    {
        Update(model, c => c.Timeouts++);
        TimeoutCounter.Add(1, Tag(model));
    }

    internal void Rejected(string model, string reason)
    {
        Update(model, c => c.Rejections++);
        RejectionCounter.Add(1, Tag(model), new KeyValuePair<string, object?>("reason", reason));
    }

    internal void Hedged(string model)
    {
        Update(model, c => c.Hedges++);
        HedgeCounter.Add(1, Tag(model));
    }

    internal void Opened(string model, TimeSpan breakDuration)
    {
        var now = _time.GetUtcNow();
        Update(model, c =>
        {
            c.Opened.Add(now);
            c.OpenUntil = now + breakDuration;
        });
        BreakerCounter.Add(1, Tag(model), new KeyValuePair<string, object?>("state", "open"));
    }

    internal void HalfOpened(string model)
    {
        Update(model, c => c.HalfOpened++);
        BreakerCounter.Add(1, Tag(model), new KeyValuePair<string, object?>("state", "half-open"));
    }

    internal void Closed(string model)
    {
        var now = _time.GetUtcNow();
        Update(model, c =>
        {
            c.Closed.Add(now);
            c.OpenUntil = null;
        });
        BreakerCounter.Add(1, Tag(model), new KeyValuePair<string, object?>("state", "closed"));
    }

    private static KeyValuePair<string, object?> Tag(string model) => new("model", model);

    private void Update(string model, Action<ModelCounters> change)
    {
        var counters = _models.GetOrAdd(model, _ => new ModelCounters());
        lock (counters)
        {
            change(counters);
        }
    }

    private sealed class ModelCounters
    {
        public int Retries { get; set; }

        public int Timeouts { get; set; }

        public int Rejections { get; set; }

        public int Hedges { get; set; }

        public int HalfOpened { get; set; }

        public List<DateTimeOffset> Opened { get; } = [];

        public List<DateTimeOffset> Closed { get; } = [];

        public DateTimeOffset? OpenUntil { get; set; }

        public TimeSpan? LastRetryDelay { get; set; }

        public ModelResilienceSnapshot Snapshot(string model)
        {
            lock (this)
            {
                return new(model, Retries, Timeouts, Rejections, Hedges, Opened.Count, HalfOpened, Closed.Count, [.. Opened], [.. Closed], LastRetryDelay);
            }
        }
    }
}
