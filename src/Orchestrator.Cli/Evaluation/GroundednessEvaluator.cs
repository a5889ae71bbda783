using System.Diagnostics;
using Microsoft.Extensions.AI;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.Models;
using Orchestrator.Models.Batching;
using Orchestrator.Retrieval.Ingestion;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Runs the groundedness check (and the relevance check) as the pipeline does, each answer
/// against its gold paragraph as the only evidence: true sentences must pass, perturbed copies
/// (<see cref="GroundednessPerturbations"/>) and sentences of another article must fail.
/// </summary>
internal static class GroundednessEvaluator
{
    public static async Task<GroundednessEvalReport> EvaluateAsync(string path, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        IReadOnlyList<SquadParagraph> paragraphs;
        try
        {
            paragraphs = await SquadDataset.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(e.Message, e);
        }

        var groundedness = new GroundednessCheck(embedder);
        var relevance = new RelevanceCheck(embedder);

        // Not disposed: disposing a delegating generator would dispose the caller's embedder.
        var scoped = new RequestScopedEmbeddingGenerator(embedder);
        var relevanceInRequest = new RelevanceCheck(scoped);
        var inRequestLatencies = new List<double>();
        int relInTruePassed = 0, relInWrongCaught = 0;
        var groundednessInRequest = new GroundednessCheck(scoped);
        var groundednessInRequestLatencies = new List<double>();
        var groundednessInRequestDiffering = 0;
        var truths = paragraphs.Select(TrueSentences).ToList();
        var latencies = new List<double>();
        var relevanceLatencies = new List<double>();
        int trueTotal = 0, truePassed = 0, swapped = 0, swappedCaught = 0, mixed = 0, mixedCaught = 0, foreign = 0, foreignCaught = 0;
        int relTrue = 0, relTruePassed = 0, relWrong = 0, relWrongCaught = 0;
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var paragraph = paragraphs[p];
            Passage[] evidence = [new() { ChunkId = paragraph.Source, Source = paragraph.Source, Locator = "1", Text = paragraph.Context }];
            var far = paragraphs[(p + (paragraphs.Count / 2)) % paragraphs.Count];
            var farNames = GroundednessPerturbations.NamesOf(far.Context).ToList();
            var stored = await WithStoredVectorsAsync(evidence, embedder, cancellationToken).ConfigureAwait(false);
            async Task<bool> Passes(string answer)
            {
                var watch = Stopwatch.StartNew();
                var result = await groundedness.CheckAsync(new GuardianCheckContext("", answer, evidence), cancellationToken).ConfigureAwait(false);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                using (EmbeddingScope.Begin())
                {
                    watch.Restart();
                    var inRequest = await groundednessInRequest.CheckAsync(new GuardianCheckContext("", answer, stored), cancellationToken).ConfigureAwait(false);
                    groundednessInRequestLatencies.Add(watch.Elapsed.TotalMilliseconds);
                    groundednessInRequestDiffering += inRequest.Passed == result.Passed ? 0 : 1;
                }

                return result.Passed;
            }

            foreach (var sentence in truths[p].Values.Distinct(StringComparer.Ordinal))
            {
                trueTotal++;
                truePassed += await Passes(sentence).ConfigureAwait(false) ? 1 : 0;
                if (GroundednessPerturbations.SwapName(sentence, paragraph.Context, farNames) is { } swappedName)
                {
                    swapped++;
                    swappedCaught += await Passes(swappedName).ConfigureAwait(false) ? 0 : 1;
                }

                if (GroundednessPerturbations.MixNumbers(sentence, paragraph.Context) is { } mixedNumbers)
                {
                    mixed++;
                    mixedCaught += await Passes(mixedNumbers).ConfigureAwait(false) ? 0 : 1;
                }
            }

            if (far.Title != paragraph.Title && truths[(p + (paragraphs.Count / 2)) % paragraphs.Count].Values.FirstOrDefault() is { } foreignSentence)
            {
                foreign++;
                foreignCaught += await Passes(foreignSentence).ConfigureAwait(false) ? 0 : 1;
            }

            var answered = truths[p].ToList();
            for (var q = 0; q < answered.Count; q++)
            {
                var (question, sentence) = answered[q];
                relTrue++;
                relTruePassed += await RelevantAsync(relevance, question, sentence, evidence, relevanceLatencies, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                relInTruePassed += await RelevantInRequestAsync(relevanceInRequest, scoped, question, sentence, stored, inRequestLatencies, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                var wrong = answered.Skip(q + 1).Concat(answered.Take(q)).Select(a => a.Value).FirstOrDefault(s => s != sentence);
                if (wrong is not null)
                {
                    relWrong++;
                    relWrongCaught += await RelevantAsync(relevance, question, wrong, evidence, relevanceLatencies, cancellationToken).ConfigureAwait(false) ? 0 : 1;
                    relInWrongCaught += await RelevantInRequestAsync(relevanceInRequest, scoped, question, wrong, stored, inRequestLatencies, cancellationToken).ConfigureAwait(false) ? 0 : 1;
                }
            }
        }

        latencies.Sort();
        relevanceLatencies.Sort();
        inRequestLatencies.Sort();
        groundednessInRequestLatencies.Sort();
        return new GroundednessEvalReport
        {
            TrueSentences = trueTotal,
            TruePassRate = Rate(truePassed, trueTotal),
            SwappedNameCaught = Rate(swappedCaught, swapped),
            MixedNumberCaught = Rate(mixedCaught, mixed),
            ForeignSentenceCaught = Rate(foreignCaught, foreign),
            LatencyMs = new RetrievalLatency(RoutingMetrics.Percentile(latencies, 50), RoutingMetrics.Percentile(latencies, 95)),
            LatencyInRequestMs = groundednessInRequestLatencies.Count == 0 ? null : new RetrievalLatency(RoutingMetrics.Percentile(groundednessInRequestLatencies, 50), RoutingMetrics.Percentile(groundednessInRequestLatencies, 95)),
            InRequestVerdictsDiffering = groundednessInRequestDiffering,
            Perturbed = new Dictionary<string, int> { ["swapped_name"] = swapped, ["mixed_number"] = mixed, ["foreign_sentence"] = foreign },
            RelevanceTruePassRate = Rate(relTruePassed, relTrue),
            RelevanceWrongAnswerCaught = Rate(relWrongCaught, relWrong),
            RelevanceLatencyMs = new RetrievalLatency(RoutingMetrics.Percentile(relevanceLatencies, 50), RoutingMetrics.Percentile(relevanceLatencies, 95)),
            RelevanceLatencyInRequestMs = inRequestLatencies.Count == 0 ? null : new RetrievalLatency(RoutingMetrics.Percentile(inRequestLatencies, 50), RoutingMetrics.Percentile(inRequestLatencies, 95)),
            RelevanceInRequestTruePassRate = Rate(relInTruePassed, relTrue),
            RelevanceInRequestWrongAnswerCaught = Rate(relInWrongCaught, relWrong),
        };
    }

    private static async Task<bool> RelevantAsync(RelevanceCheck check, string question, string answer, Passage[] evidence, List<double> latencies, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var result = await check.CheckAsync(new GuardianCheckContext(question, answer, evidence), cancellationToken).ConfigureAwait(false);
        latencies.Add(watch.Elapsed.TotalMilliseconds);
        return result.Passed;
    }

    /// <summary>
    /// The gold paragraph as the store returns it after ingest: with a vector for each text ingest
    /// embeds (<see cref="ChunkUnits"/>: the groundedness units and the sentences answers may quote),
    /// computed by the same code (untimed: ingest's cost, not the check's).
    /// </summary>
    private static async Task<Passage[]> WithStoredVectorsAsync(Passage[] evidence, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var result = new Passage[evidence.Length];
        for (var i = 0; i < evidence.Length; i++)
        {
            var units = ChunkUnits.Of(evidence[i].Text, evidence[i].Locator);
            var vectors = await embedder.EmbedManyAsync(units, cancellationToken).ConfigureAwait(false);
            result[i] = evidence[i] with { SentenceVectors = [.. units.Select((u, k) => new SentenceVector(u, vectors[k]))] };
        }

        return result;
    }

    /// <summary>The relevance check inside a request scope whose memo already holds the question's vector (routing's, untimed).</summary>
    private static async Task<bool> RelevantInRequestAsync(RelevanceCheck check, RequestScopedEmbeddingGenerator scoped, string question, string answer, Passage[] evidence, List<double> latencies, CancellationToken cancellationToken)
    {
        using (EmbeddingScope.Begin())
        {
            _ = await scoped.GenerateAsync([question], cancellationToken: cancellationToken).ConfigureAwait(false);
            return await RelevantAsync(check, question, answer, evidence, latencies, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Question to the first paragraph sentence holding its gold answer.</summary>
    private static Dictionary<string, string> TrueSentences(SquadParagraph paragraph)
    {
        var sentences = GroundednessPerturbations.Sentences(paragraph.Context);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in paragraph.Questions)
        {
            var sentence = sentences.FirstOrDefault(s => question.Answers.Any(a => s.Contains(a, StringComparison.Ordinal)));
            if (sentence is not null)
            {
                result.TryAdd(question.Question, sentence);
            }
        }

        return result;
    }

    private static double Rate(int hits, int total) => total == 0 ? 0 : Math.Round((double)hits / total, 4);
}
