
namespace Orchestrator;

/// <summary>The router abstraction: semantic (embedded default) today, SLM later.</summary>
public interface IRouter
{
    Task<RouteDecision> RouteAsync(string text, CancellationToken cancellationToken = default);
}
