namespace Orchestrator.Routing.Typos;

/// <summary>One word the <see cref="SpellingCorrector"/> replaced: as written, and as corrected.</summary>
public sealed record WordCorrection(string From, string To);
