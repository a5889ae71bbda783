namespace Orchestrator.Retrieval;

/// <summary>
/// The keyword half of a sentence's score: the share of the question's terms a sentence contains,
/// each term weighted by its inverse sentence frequency among the candidates (a term every
/// retrieved sentence shares, "leave" in a leave policy, says little about which one answers).
/// </summary>
/// <remarks>
/// Each (term, sentence) membership is looked up once, when the weights are counted, and kept;
/// the overlap of a sentence then adds the weights of its terms in the question terms' order,
/// the order the former per-sentence dictionary sums used, so every score is the same double.
/// (Looking every membership up twice, through the interface, was most of the scorer's CPU in a
/// served request's profile: docs/benchmarks.md, "perf20".)
/// </remarks>
internal sealed class TermOverlap
{
    private readonly double[] _weights;
    private readonly bool[] _contains;
    private readonly double _total;

    public TermOverlap(IReadOnlyCollection<string> questionTerms, IReadOnlyList<IReadOnlySet<string>> sentenceTerms)
    {
        ArgumentNullException.ThrowIfNull(questionTerms);
        ArgumentNullException.ThrowIfNull(sentenceTerms);
        var n = sentenceTerms.Count;
        _weights = new double[questionTerms.Count];
        _contains = new bool[n * _weights.Length];
        var t = 0;
        foreach (var term in questionTerms)
        {
            var count = 0;
            for (var s = 0; s < n; s++)
            {
                var contains = sentenceTerms[s].Contains(term);
                _contains[(s * _weights.Length) + t] = contains;
                count += contains ? 1 : 0;
            }

            _weights[t++] = Math.Log((n + 1.0) / (count + 0.5));
        }

        var total = 0.0;
        foreach (var weight in _weights)
        {
            total += weight;
        }

        _total = total;
    }

    /// <summary>The weighted share of the question's terms that sentence <paramref name="sentence"/> contains; 0 when the weights sum to at most 0.</summary>
    public double Of(int sentence)
    {
        if (_total <= 0)
        {
            return 0;
        }

        var matched = 0.0;
        var row = sentence * _weights.Length;
        for (var t = 0; t < _weights.Length; t++)
        {
            if (_contains[row + t])
            {
                matched += _weights[t];
            }
        }

        return matched / _total;
    }
}
