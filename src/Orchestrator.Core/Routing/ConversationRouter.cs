using System.Text.RegularExpressions;
using Orchestrator.Configuration;
using Orchestrator.Pipeline;
using Orchestrator.TextUnits;

namespace Orchestrator.Routing;

/// <summary>
/// History-aware routing. The latest turn is routed alone; when the router is not confident about it
/// (a short follow-up like "and for part-timers?" usually is not), the conversation stays with the
/// agent of the previous turn. That agent is inferred statelessly by routing the earlier user turns,
/// most recent first, so any OpenAI client works without echoing anything back.
/// An elliptical follow-up ("and admins?", "until when?") has no topic of its own, so when a
/// follow-up rewrite is given it is routed as the self-contained question it continues, and the
/// bare fragment alone never moves the conversation to another agent, unless it names a topic of
/// its own: "and my leave balance?" after a vacation-policy question shares nothing with it, so when
/// the router is sure about the fragment alone, the conversation moves with it.
/// </summary>
public sealed partial class ConversationRouter
{
    public const string StickySource = "sticky";

    /// <summary>Source prefix of a follow-up routed as its rewritten, self-contained question.</summary>
    public const string FollowUpSource = "follow-up";

    /// <summary>Source prefix of a follow-up fragment that named a new topic and was routed as written.</summary>
    public const string TopicSwitchSource = "topic switch";

    /// <summary>A fragment needs at least this many content words to be a topic: "and phones?" is a slot of the previous question.</summary>
    private const int MinTopicWords = 2;

    private static readonly HashSet<string> NotTopicWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "my", "our", "your", "for", "and", "also", "what", "about", "how", "can", "could", "you", "please",
        "too", "get", "got", "any", "some", "much", "many", "have", "has", "do", "does", "did", "is", "are", "was", "were", "left",
        "there", "then", "other", "same", "more", "less", "again", "still", "just", "now", "me", "i", "we", "per",
    };

    private readonly IRouter _inner;
    private readonly StickinessConfig _settings;
    private readonly Func<string, IReadOnlyList<ConversationTurn>, string>? _followUpQuery;

    public ConversationRouter(IRouter inner, StickinessConfig settings)
        : this(inner, settings, null)
    {
    }

    /// <param name="inner">Routes one text.</param>
    /// <param name="settings">Stickiness settings.</param>
    /// <param name="followUpQuery">
    /// The self-contained question a follow-up stands for (the message itself when it stands on its
    /// own), e.g. the retrieval layer's follow-up rewrite; null routes the latest turn as written.
    /// </param>
    public ConversationRouter(IRouter inner, StickinessConfig settings, Func<string, IReadOnlyList<ConversationTurn>, string>? followUpQuery)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _followUpQuery = followUpQuery;
    }

    public async Task<RouteDecision> RouteAsync(string text, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var current = await _inner.RouteAsync(text, cancellationToken).ConfigureAwait(false);
        if (!_settings.Enabled || !history.Any(IsUserTurn))
        {
            return current;
        }

        var contextual = await FollowUpRouteAsync(text, history, current, cancellationToken).ConfigureAwait(false);
        if (contextual is not null && IsConfident(current, _settings.SwitchConfidence) && NamesItsOwnTopic(text, history))
        {
            return current with { Source = $"{TopicSwitchSource}: {current.Route}" };
        }

        if (contextual is not null ? IsConfident(contextual, _settings.SwitchConfidence) : IsConfident(current, _settings.SwitchConfidence))
        {
            return contextual ?? current;
        }

        current = contextual ?? current;
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

    /// <summary>
    /// The route of the follow-up's rewritten question; null when the message stands on its own.
    /// The corrected text stays the one of the message as written, which is what the user typed.
    /// </summary>
    private async Task<RouteDecision?> FollowUpRouteAsync(string text, IReadOnlyList<ConversationTurn> history, RouteDecision current, CancellationToken cancellationToken)
    {
        if (_followUpQuery is null || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var query = _followUpQuery(text, history);
        if (string.Equals(query, text, StringComparison.Ordinal) || string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var decision = await _inner.RouteAsync(query, cancellationToken).ConfigureAwait(false);
        return decision with { CorrectedText = current.CorrectedText, Source = decision.Route is { } route ? $"{FollowUpSource}: {route}" : decision.Source };
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

    /// <summary>
    /// Whether a follow-up fragment ("and my leave balance?", "and how much paternity leave do I get?")
    /// names a topic of its own rather than a slot of the previous question. A slot starts with a
    /// preposition or a question word alone ("and in Paris?", "until when?"), points back ("and after
    /// that?"), is a single word ("and admins?"), or shares a word with an earlier user turn ("and sick
    /// days?" after "vacation days"). "What if ..." asks about the same topic, so it never switches.
    /// </summary>
    private bool NamesItsOwnTopic(string text, IReadOnlyList<ConversationTurn> history)
    {
        var lead = TopicLead().Match(text.Trim());
        if (!lead.Success)
        {
            return false;
        }

        var fragment = text.Trim()[lead.Length..];
        if (SlotStart().IsMatch(fragment) || PointsBack().IsMatch(fragment))
        {
            return false;
        }

        var words = TopicWords(fragment);
        if (words.Count < MinTopicWords)
        {
            return false;
        }

        var earlier = history.Where(IsUserTurn).Reverse().Take(_settings.MaxTurns).SelectMany(t => TopicWords(t.Text)).ToList();
        return !words.Any(w => earlier.Any(e => WordStem.Same(w, e)));
    }

    private static List<string> TopicWords(string text) =>
        [.. Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 3 && !NotTopicWords.Contains(w))];

    [GeneratedRegex(@"^(?:and|also|plus|(?:and\s+)?(?:what|how)\s+about)\b[,\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex TopicLead();

    [GeneratedRegex(@"^(?:in|for|at|on|to|from|with|during|after|before|by|within|outside|inside|under|over|per|until|till|since|when|which|where|who|whom|whose|why|if)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SlotStart();

    [GeneratedRegex(@"\b(?:it|its|that|this|those|these|they|them|there|then|one|ones|else)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PointsBack();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*")]
    private static partial Regex Word();

    private static bool IsConfident(RouteDecision decision, double threshold) =>
        decision is { Route: not null, OutOfScope: false, LowConfidence: false } && decision.Confidence >= threshold;

    private static bool IsUserTurn(ConversationTurn turn) =>
        turn.Role == ConversationTurn.User && !string.IsNullOrWhiteSpace(turn.Text);
}
