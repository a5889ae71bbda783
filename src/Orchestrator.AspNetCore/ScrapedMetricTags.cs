using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Orchestrator.AspNetCore;

/// <summary>
/// What /metrics may show of instruments the orchestrator does not define itself (Microsoft.Extensions.AI's
/// <c>gen_ai.client.*</c>, recorded on the "Orchestrator" meter): an allow-list of tag keys, so
/// <c>server.address</c> and <c>server.port</c> (the cloud endpoint's host and port, operator detail) and
/// any attribute a later library version adds stay off a page that needs no key. A view on the Prometheus
/// provider only: the OTLP export and a host's own meter providers see every attribute.
/// </summary>
internal static class ScrapedMetricTags
{
    /// <summary>The orchestrator's own instruments, whose tags are written here and carry no endpoint.</summary>
    private const string OwnPrefix = "orchestrator.";

    /// <summary>What was called and how it went, never where: GenAI semantic-convention metric attributes.</summary>
    public static readonly string[] Allowed =
    [
        "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.system", "gen_ai.request.model",
        "gen_ai.response.model", "gen_ai.token.type", "error.type",
    ];

    public static MetricStreamConfiguration? View(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Name.StartsWith(OwnPrefix, StringComparison.Ordinal) ? null : new MetricStreamConfiguration { TagKeys = Allowed };
    }
}
