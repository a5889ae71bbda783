using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Orchestrator.AspNetCore;

/// <summary>
/// Meters are process-wide: a meter provider that adds the meter "Orchestrator" by name sees every host's meter of that
/// name, so two hosts in one process (tests, a process serving two configurations) would export each other's counts. The
/// orchestrator's meters made by a container's <see cref="IMeterFactory"/> carry it as their scope; this view drops those
/// of another host's factory. A meter with no scope (a runtime started without a container) is kept, as before.
/// </summary>
internal static class HostMeterScope
{
    /// <summary>True when <paramref name="instrument"/> is on a meter another container's factory made.</summary>
    public static bool IsForeign(Instrument instrument, IMeterFactory host)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Meter.Scope is IMeterFactory owner && !ReferenceEquals(owner, host);
    }

    /// <summary>The view for an exporter of <paramref name="host"/>: another host's instruments dropped, the rest as <paramref name="then"/> says.</summary>
    public static Func<Instrument, MetricStreamConfiguration?> View(IMeterFactory host, Func<Instrument, MetricStreamConfiguration?> then) =>
        instrument => IsForeign(instrument, host) ? MetricStreamConfiguration.Drop : then(instrument);
}
