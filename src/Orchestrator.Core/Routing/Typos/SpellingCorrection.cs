namespace Orchestrator.Routing.Typos;

/// <summary>The outcome of <see cref="SpellingCorrector.Correct"/>: the text with its corrections applied, and what changed.</summary>
public sealed record SpellingCorrection(string Text, IReadOnlyList<WordCorrection> Words)
{
    /// <summary>True when at least one word was replaced.</summary>
    public bool Changed => Words.Count > 0;
}
