namespace Orchestrator.Routing.Typos;

/// <summary>
/// Routes the spelling-corrected request (<see cref="SpellingCorrector"/>) with any inner router
/// and records the corrected text in <see cref="RouteDecision.CorrectedText"/>, so the pipeline can
/// search with it and the response can show it.
/// </summary>
public sealed class TypoTolerantRouter : IRouter
{
    private readonly IRouter _inner;

    public TypoTolerantRouter(IRouter inner, SpellingCorrector corrector)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Corrector = corrector ?? throw new ArgumentNullException(nameof(corrector));
    }

    public SpellingCorrector Corrector { get; }

    public async Task<RouteDecision> RouteAsync(string text, CancellationToken cancellationToken = default)
    {
        var correction = Corrector.Correct(text);
        var decision = await _inner.RouteAsync(correction.Text, cancellationToken).ConfigureAwait(false);
        return correction.Changed ? decision with { CorrectedText = correction.Text } : decision;
    }
}
