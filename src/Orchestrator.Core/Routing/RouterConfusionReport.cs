using System.Globalization;

namespace Orchestrator.Routing;

/// <summary>Readable lines for the route pairs a fit confuses, e.g. for the start-up status and <c>agents test</c>.</summary>
public static class RouterConfusionReport
{
    /// <summary>Pairs below this share of an agent's examples are noise on a handful of examples.</summary>
    public const double DefaultMinimumShare = 0.2;

    public static IReadOnlyList<string> Lines(IReadOnlyList<RouteConfusion> confusions, double minimumShare = DefaultMinimumShare, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(confusions);
        return [.. confusions
            .Where(c => c.Share >= minimumShare)
            .Take(max)
            .Select(c => string.Create(CultureInfo.InvariantCulture,
                $"'{c.Expected}' is confusable with '{c.RoutedTo}': {c.Count} of its {c.Examples} examples went there in cross-validation ({c.Share * 100:F0}%); give both agents clearer, more distinct examples"))];
    }
}
