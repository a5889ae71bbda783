using Orchestrator.Configuration;
using Orchestrator.Pipeline;

namespace Orchestrator.Routing;

/// <summary>
/// History-aware routing. The latest turn is routed alone; when the router is not confident about it
/// (a short follow-up like "and for part-timers?" usually is not), the conversation stays with the
/// agent of the previous turn. That agent is inferred statelessly by routing the earlier user turns,
/// most recent first, so any OpenAI client works without echoing anything back.
/// </summary>
public sealed class ConversationRouter
{
    public const string StickySource = "sticky";

    private readonly IRouter _inner;
    private readonly StickinessConfig _settings;

    public ConversationRouter(IRouter inner, StickinessConfig settings)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    }

    public async Task<RouteDecision> RouteAsync(string text, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var current = await _inner.RouteAsync(text, cancellationToken).ConfigureAwait(false);
        if (!_settings.Enabled || IsConfident(current, _settings.SwitchConfidence) || !history.Any(IsUserTurn))
        {
            return current;
        }

        var previous = await PreviousRouteAsync(history, cancellationToken).ConfigureAwait(false);
        if (previous is null)
        {
            return current;
        }

        // The candidates still describe the latest turn, so a trace shows what the router alone thought.
        return current with
        {
            Route = previous.Route,
            Confidence = previous.Confidence,
            OutOfScope = false,
            LowConfidence = false,
            Source = $"{StickySource}: {previous.Route}",
        };
    }

    /// <summary>The route of the most recent earlier user turn the router was sure about, within max_turns.</summary>
    private async Task<RouteDecision?> PreviousRouteAsync(IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        foreach (var turn in history.Where(IsUserTurn).Reverse().Take(_settings.MaxTurns))
        {
            var decision = await _inner.RouteAsync(turn.Text, cancellationToken).ConfigureAwait(false);
            if (decision is { Route: not null, OutOfScope: false, LowConfidence: false })
            {
                return decision;
            }
        }

        return null;
    }

    private static bool IsConfident(RouteDecision decision, double threshold) =>
        decision is { Route: not null, OutOfScope: false, LowConfidence: false } && decision.Confidence >= threshold;

    private static bool IsUserTurn(ConversationTurn turn) =>
        turn.Role == ConversationTurn.User && !string.IsNullOrWhiteSpace(turn.Text);
}
