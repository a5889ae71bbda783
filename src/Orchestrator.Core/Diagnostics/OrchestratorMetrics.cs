using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orchestrator.Pipeline;

namespace Orchestrator.Diagnostics;

/// <summary>
/// Request metrics on the Meter "Orchestrator", recorded once per answered request from the
/// response itself (route, timings, escalation, guardian, cost), so every counter agrees with
/// what the client was sent. The HTTP service records them; the one-shot CLI commands do not,
/// because nothing would read a short-lived process's meters.
/// </summary>
public sealed class OrchestratorMetrics
{
    public const string MeterName = "Orchestrator";

    /// <summary>
    /// The served embedder's meter (texts per model call of the micro-batcher, texts by source), recorded
    /// by the embedder itself rather than per response; a host that exports metrics adds it next to <see cref="MeterName"/>.
    /// </summary>
    public const string EmbedderMeterName = "Orchestrator.Embedder";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _stageDuration;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _guardianFailures;
    private readonly Counter<double> _spend;
    private readonly Counter<long> _cacheLookups;

    public OrchestratorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("orchestrator.requests", "{request}", "Answered requests by route and escalation");
        _stageDuration = meter.CreateHistogram<double>("orchestrator.stage.duration", "ms", "Time spent per pipeline stage (total, route, specialist, guardian, escalation)");
        _escalations = meter.CreateCounter<long>("orchestrator.escalations", "{request}", "Requests that needed escalation, by reason");
        _guardianFailures = meter.CreateCounter<long>("orchestrator.guardian.failures", "{request}", "Answers the guardian rejected, by route");
        _spend = meter.CreateCounter<double>("orchestrator.spend", "usd", "Cloud spend in US dollars");
        _cacheLookups = meter.CreateCounter<long>("orchestrator.cache.lookups", "{request}", "Answer cache lookups by result (hit, miss) and match (exact, similar)");
    }

    public void Record(OrchestratorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var route = response.Route.OutOfScope ? "out_of_scope" : response.Route.Agent ?? "none";
        _requests.Add(1, new TagList { { "route", route }, { "escalated", response.Escalation.Needed } });
        var timings = response.TimingsMs;
        RecordStage("total", timings.Total);
        RecordStage("route", timings.Route);
        RecordStage("specialist", timings.Specialist);
        RecordStage("guardian", timings.Guardian);
        RecordStage("escalation", timings.Escalation);
        if (response.Escalation.Needed)
        {
            _escalations.Add(1, new KeyValuePair<string, object?>("reason", response.Escalation.Reason ?? "unknown"));
        }

        // Only real rejections count: "not_run" (out of scope, specialist failed) is not a failure.
        if (response.Guardian.Status == GuardianInfo.StatusFailed)
        {
            _guardianFailures.Add(1, new KeyValuePair<string, object?>("route", route));
        }

        _spend.Add(response.Cost.Usd);
        if (response.Cache is { } cache)
        {
            _cacheLookups.Add(1, new TagList { { "result", cache.Hit ? "hit" : "miss" }, { "match", cache.Match ?? "none" } });
        }
    }

    private void RecordStage(string stage, double milliseconds) =>
        _stageDuration.Record(milliseconds, new KeyValuePair<string, object?>("stage", stage));
}
