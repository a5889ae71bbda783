using Orchestrator.Retrieval;

namespace Orchestrator.Tests.Retrieval;

/// <summary>
/// The scorer's keyword overlap looks each (question term, sentence) membership up once now (perf20);
/// every score must be the very double the former per-sentence dictionary sums gave.
/// </summary>
public sealed class TermOverlapTests
{
    [Fact]
    public void Every_overlap_equals_the_former_dictionary_sums_exactly()
    {
        var random = new Random(20);
        var vocabulary = Enumerable.Range(0, 40).Select(i => $"term{i}").ToArray();
        for (var round = 0; round < 200; round++)
        {
            var question = Pick(random, vocabulary, random.Next(0, 9));
            var sentences = Enumerable.Range(0, random.Next(1, 30))
                .Select(_ => (IReadOnlySet<string>)Pick(random, vocabulary, random.Next(0, 12)))
                .ToList();
            var overlap = new TermOverlap(question, sentences);
            var weights = FormerWeights(question, sentences);
            for (var s = 0; s < sentences.Count; s++)
            {
                Assert.Equal(FormerOverlap(weights, sentences[s]), overlap.Of(s));
            }
        }
    }

    [Fact]
    public void A_question_without_terms_overlaps_nothing()
    {
        var overlap = new TermOverlap(new HashSet<string>(StringComparer.Ordinal), [new HashSet<string>(StringComparer.Ordinal) { "leave" }]);
        Assert.Equal(0, overlap.Of(0));
    }

    [Fact]
    public void A_rare_shared_term_outweighs_one_every_sentence_has()
    {
        var question = new HashSet<string>(StringComparer.Ordinal) { "leave", "carry" };
        IReadOnlySet<string>[] sentences =
        [
            new HashSet<string>(StringComparer.Ordinal) { "leave", "carry", "over" },
            new HashSet<string>(StringComparer.Ordinal) { "leave", "sick" },
            new HashSet<string>(StringComparer.Ordinal) { "leave", "parent" },
        ];
        var overlap = new TermOverlap(question, sentences);
        Assert.Equal(1, overlap.Of(0), 12);
        Assert.True(overlap.Of(1) < 0.5);
        Assert.Equal(overlap.Of(1), overlap.Of(2));
    }

    private static HashSet<string> Pick(Random random, string[] vocabulary, int count)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            set.Add(vocabulary[random.Next(vocabulary.Length)]);
        }

        return set;
    }

    // The code this replaces (SentenceScorer before perf20), kept verbatim as the reference.
    private static Dictionary<string, double> FormerWeights(HashSet<string> questionTerms, List<IReadOnlySet<string>> sentenceTerms)
    {
        var n = sentenceTerms.Count;
        return questionTerms.ToDictionary(t => t, t => Math.Log((n + 1.0) / (sentenceTerms.Count(s => s.Contains(t)) + 0.5)), StringComparer.Ordinal);
    }

    private static double FormerOverlap(Dictionary<string, double> weights, IReadOnlySet<string> sentenceTerms)
    {
        var total = weights.Values.Sum();
        return total <= 0 ? 0 : weights.Where(w => sentenceTerms.Contains(w.Key)).Sum(w => w.Value) / total;
    }
}
