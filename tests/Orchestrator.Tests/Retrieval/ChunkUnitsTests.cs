using Microsoft.Extensions.AI;
using Orchestrator.Guardian.Groundedness;
using Orchestrator.Models;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Answers;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Specialists;
using Orchestrator.Tests.Support;
using Orchestrator.TextUnits;

namespace Orchestrator.Tests.Retrieval;

/// <summary>
/// The units ingest stores vectors for must be exactly the units the request path compares against
/// (groundedness units, answer sentences); otherwise stored vectors silently go unused and every
/// check embeds its passages again. A hashing embedder keeps this fast; it records what it embeds.
/// </summary>
public sealed class ChunkUnitsTests : IDisposable
{
    private const string Collection = "kb";
    private readonly TempDirectory _temp = new();
    private readonly SqliteVectorStore _store;

    public ChunkUnitsTests() => _store = new SqliteVectorStore(Path.Combine(_temp.Path, "store.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    /// <summary>The sample knowledge (Markdown, PDF, DOCX, HTML, text) plus text shaped to trip splitters.</summary>
    private async Task<IReadOnlyList<Passage>> IngestAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, bool storeSentenceVectors = true)
    {
        var knowledge = Path.Combine(RepoPaths.Root, "samples", "enterprise-assistant", "knowledge");
        foreach (var file in Directory.EnumerateFiles(knowledge, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_temp.Path, "kb", Path.GetRelativePath(knowledge, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        _temp.Write("kb/tricky.md", """
            # Benefits overview

            | Benefit | Detail | Eligibility |
            |---|---|---|
            | Pension | Auto-enrolment at 4%, company match up to 6% of base salary | All staff |
            | **Gym** | 50% off e.g. local gyms | After probation |

            Claims follow the policy [1]. Dr. Smith approves exceptions, i.e. rare ones [2, 3]! Why? Because U.S. rules apply.
            - First bullet item without a full stop
            - Second item. With two sentences.
            1. Numbered step one.
            2) Numbered step two; see *Appendix A*.
            Hotels Hotel rates are capped at 150 euros.
            `code` and __bold__ text end here
            """);
        var report = await new DocumentIngestor(_store, embedder, _temp.Path, new IngestOptions { StoreSentenceVectors = storeSentenceVectors }).IngestAsync(Collection, ["kb"]);
        Assert.Empty(report.FilesSkipped);
        var all = await _store.SearchAsync(Collection, new HybridQuery { Text = "", Vector = await embedder.EmbedOneAsync("anything"), TopK = 10_000 });
        Assert.Equal(report.ChunksWritten, all.Count);
        return [.. all.Select(h => h.Passage)];
    }

    [Fact]
    public async Task Every_unit_the_checks_compare_against_has_a_vector_stored_at_ingest()
    {
        var passages = await IngestAsync(new HashingEmbedder());

        Assert.True(passages.Count > 20, $"only {passages.Count} chunks: the sample knowledge is missing?");
        var checkedUnits = 0;
        foreach (var passage in passages)
        {
            var stored = passage.SentenceVectors?.Select(u => u.Text).ToHashSet(StringComparer.Ordinal) ?? [];
            var needed = ComparisonUnits.Of(passage.Text).Units.Concat(AnswerSentences.FromChunk(passage.Text, passage.Locator)).ToList();
            var missing = needed.Where(u => !stored.Contains(u)).ToList();
            Assert.True(missing.Count == 0, $"{passage.Source} ({passage.Locator}): no stored vector for " + string.Join(" | ", missing.Select(m => $"\"{m}\"")));
            checkedUnits += needed.Count;
        }

        Assert.True(checkedUnits > passages.Count * 2, $"{checkedUnits} units over {passages.Count} chunks: too few to mean anything");
    }

    [Fact]
    public async Task The_groundedness_check_embeds_only_the_answer_sentence_when_passages_carry_stored_vectors()
    {
        var embedder = new HashingEmbedder();
        var passages = await IngestAsync(embedder);
        var evidence = passages.Where(p => p.Source == "kb/tricky.md" && p.Text.Contains("Pension", StringComparison.Ordinal)).Take(1).ToList();
        var before = embedder.Embedded.Count;

        // Not a quote, but it passes the lexical rules, so the check compares vectors.
        await new GroundednessCheck(embedder).CheckAsync(new GuardianCheckContext("q", "The pension has auto-enrolment at 4% with a company match up to 6% of base salary.", evidence));

        Assert.Single(evidence);
        Assert.Equal(["The pension has auto-enrolment at 4% with a company match up to 6% of base salary."], embedder.Embedded.Skip(before));
    }

    [Fact]
    public async Task Without_stored_vectors_the_same_check_embeds_the_passage_which_is_what_the_store_saves()
    {
        var embedder = new HashingEmbedder();
        var passages = await IngestAsync(embedder, storeSentenceVectors: false);
        var evidence = passages.Where(p => p.Source == "kb/tricky.md" && p.Text.Contains("Pension", StringComparison.Ordinal)).Take(1).ToList();
        var before = embedder.Embedded.Count;

        await new GroundednessCheck(embedder).CheckAsync(new GuardianCheckContext("q", "The pension has auto-enrolment at 4% with a company match up to 6% of base salary.", evidence));

        Assert.Null(evidence[0].SentenceVectors);
        Assert.True(embedder.Embedded.Count - before > 1, "the control must embed passage units, or the test above proves nothing");
    }

    [Fact]
    public async Task Answer_sentence_scoring_embeds_only_the_question_when_passages_carry_stored_vectors()
    {
        var embedder = new HashingEmbedder();
        await IngestAsync(embedder);
        var specialist = new RetrievalSpecialist(_store, embedder, new RetrievalOptions { SimilarityFloor = -1 });
        var before = embedder.Embedded.Count;

        var answer = await specialist.AnswerFromCollectionAsync(Collection, "What is the company pension match?");

        Assert.True(answer.Result.Succeeded, answer.Result.FailureReason);
        Assert.Equal(["What is the company pension match?"], embedder.Embedded.Skip(before));
    }

    /// <summary>A deterministic bag-of-words vector per text; records every text it is given, in order.</summary>
    private sealed class HashingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        private const int Dims = 32;
        private readonly Lock _gate = new();

        public List<string> Embedded { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            lock (_gate)
            {
                Embedded.AddRange(texts);
            }

            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(Vector(t)))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        private static float[] Vector(string text)
        {
            var v = new float[Dims];
            v[0] = 0.01f;
            foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                v[(int)((uint)string.GetHashCode(word, StringComparison.Ordinal) % Dims)] += 1;
            }

            return VectorMath.Normalize(v);
        }
    }
}
