namespace Orchestrator.Guardian.Classifiers;

/// <summary>A classifier's score for one text: the probability, the threshold it was compared with, and what was inspected.</summary>
public sealed record ClassifierVerdict(string Task, double Probability, double Threshold, bool Truncated, int HiddenCharacters, int DecodedRuns)
{
    public bool Flagged => Probability >= Threshold;
}
