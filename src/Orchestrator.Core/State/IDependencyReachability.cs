namespace Orchestrator.State;

/// <summary>
/// One client of a dependency (a Redis connection, a Qdrant store) that knows, without sending anything, whether the
/// dependency answered it last: <see cref="DependencyMetrics"/> reads it when the meter is collected.
/// </summary>
internal interface IDependencyReachability
{
    /// <summary>The <c>dependency</c> tag: <see cref="DependencyMetrics.Redis"/> or <see cref="DependencyMetrics.Qdrant"/>.</summary>
    string Dependency { get; }

    /// <summary>True while it is reachable, false while it is not, null while nothing is known yet (no series).</summary>
    bool? IsUp { get; }
}
