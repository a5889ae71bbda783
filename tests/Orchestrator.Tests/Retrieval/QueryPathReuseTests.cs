using Orchestrator.Configuration;
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
/// The query path keeps per-chunk work between requests (perf18): passages per store generation,
/// sentence splits and terms beside the chunk text, stored-vector lookups beside their list. Reuse
/// must never change an answer, and must end when the collection is re-ingested.
/// </summary>
public sealed class QueryPathReuseTests : IDisposable
{
    private const int Dims = 4;
    private readonly TempDirectory _temp = new();
    private readonly SqliteVectorStore _store;

    public QueryPathReuseTests() => _store = new SqliteVectorStore(Path.Combine(_temp.Path, "store.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private static float[] Axis(int axis)
    {
        var v = new float[Dims];
        v[axis] = 1;
        return v;
    }

    private static ChunkRecord Chunk(int ordinal, string text, float[] vector) =>
        new(ordinal, $"Policy > Section {ordinal}", text, text, vector) { SentenceVectors = [new SentenceVector(text, vector)] };

    private async Task WriteAsync(params ChunkRecord[] chunks)
    {
        await _store.EnsureCollectionAsync("kb", Dims);
        await _store.ReplaceDocumentAsync("kb", new StoredDocument("a.md", "sha-" + chunks[0].Text), chunks);
    }

    private Task<IReadOnlyList<SearchHit>> SearchAsync(string text) =>
        _store.SearchAsync("kb", new HybridQuery { Text = text, Vector = Axis(0), TopK = 3 });

    [Fact]
    public async Task A_repeated_search_returns_equal_hits_sharing_the_first_searchs_passages()
    {
        await WriteAsync(Chunk(0, "Annual leave is 25 days.", Axis(0)), Chunk(1, "Expenses are paid monthly.", Axis(1)), Chunk(2, "Laptops are replaced every 3 years.", Axis(2)));

        var first = await SearchAsync("annual leave days");
        var second = await SearchAsync("annual leave days");

        Assert.Equal(3, first.Count);
        Assert.Equal(Describe(first), Describe(second));
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Same(first[i].Passage.Text, second[i].Passage.Text); // from this generation's passages, not SQLite again
            Assert.Same(first[i].Passage.SentenceVectors, second[i].Passage.SentenceVectors);
        }
    }

    [Fact]
    public async Task A_reingest_ends_the_reuse_and_returns_the_new_text()
    {
        await WriteAsync(Chunk(0, "Annual leave is 25 days.", Axis(0)));
        var before = await SearchAsync("annual leave");

        await WriteAsync(Chunk(0, "Annual leave is 30 days.", Axis(0)));
        var after = await SearchAsync("annual leave");

        Assert.Equal("Annual leave is 25 days.", Assert.Single(before).Passage.Text);
        Assert.Equal("Annual leave is 30 days.", Assert.Single(after).Passage.Text);
        Assert.Equal("Annual leave is 30 days.", Assert.Single(Assert.Single(after).Passage.SentenceVectors!).Text);
    }

    [Theory]
    [InlineData("New employees get 25 days of annual leave per calendar year. Unused days can be carried over until March.", "Leave Policy > Annual leave")]
    [InlineData("| Tier | Rate |\n|---|---|\n| 1 | 180 EUR |\n| 2 | 140 EUR |\nRates are capped per night:\n- Tier 1 cities\n- Tier 2 cities", "Travel > Hotels")]
    [InlineData("**Owner:** People Team. For example, someone working 3 days a week receives 15 days. Founded in 1974?", "")]
    [InlineData("", null)]
    public void Chunk_sentences_equal_a_fresh_split_and_fresh_terms(string text, string? locator)
    {
        var passage = new Passage { ChunkId = "c", Text = text, Source = "s", Locator = locator! };

        var shared = ChunkSentences.Of(passage);
        var again = ChunkSentences.Of(passage with { Score = 1 });

        var sentences = AnswerSentences.FromChunk(text, locator);
        Assert.Equal(sentences, shared.Sentences);
        Assert.Same(shared, again);
        Assert.Equal(sentences.Select(SentenceScorer.WordCount), shared.WordCounts);
        var heading = string.IsNullOrWhiteSpace(locator) ? [] : SentenceScorer.KeywordTerms(locator);
        for (var i = 0; i < sentences.Count; i++)
        {
            var expected = SentenceScorer.SentenceTerms(sentences[i]);
            expected.UnionWith(heading);
            Assert.True(expected.SetEquals(shared.Terms[i]), $"sentence {i}: {sentences[i]}");
        }
    }

    [Fact]
    public void The_same_text_under_another_heading_gets_its_own_terms()
    {
        var text = string.Concat("Claims are paid ", "within 30 days."); // one instance, two locators
        var leave = ChunkSentences.Of(new Passage { ChunkId = "a", Text = text, Source = "s", Locator = "Sick leave" });
        var travel = ChunkSentences.Of(new Passage { ChunkId = "b", Text = text, Source = "s", Locator = "Travel expenses" });

        Assert.Contains("sick", leave.Terms[0]);
        Assert.DoesNotContain("sick", travel.Terms[0]);
        Assert.Contains("trave", travel.Terms[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("One.")]
    [InlineData("  Leave  requests go\tto your   manager. ")]
    [InlineData("a b c d e f g h i j k l m n o p")]
    [InlineData("\u00a0non-breaking\u00a0spaces\u00a0are\u00a0not\u00a0separators")]
    public void Word_count_equals_the_split_it_replaces(string sentence) =>
        Assert.Equal(sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, SentenceScorer.WordCount(sentence));

    [Fact]
    public void Stored_vectors_are_looked_up_once_per_list_and_match_the_list()
    {
        List<SentenceVector> units = [new("Annual leave.", [0.6f, 0.8f]), new("Zürich.", [1f, 0f]), new("Annual leave.", [0f, 1f])];
        var passage = new Passage { ChunkId = "c", Text = "t", Source = "s", Locator = "l", SentenceVectors = units };

        var first = StoredVectors.Of(passage);
        var second = StoredVectors.Of(passage with { Score = 2 });

        Assert.Same(first, second);
        Assert.Equal(2, first.Count);
        Assert.Same(units[0].Vector, first["Annual leave."]); // the first of a repeated text wins, as before
        Assert.Same(units[1].Vector, first["Zürich."]);
        Assert.Empty(StoredVectors.Of(passage with { SentenceVectors = null }));
    }

    [Fact]
    public async Task Answers_asked_again_are_identical_to_the_first_answers()
    {
        _temp.Write("kb/leave.md", """
            # Annual leave

            New employees get 25 days of annual leave per calendar year. Unused days can be carried over until March. Leave requests go to your manager.

            # Expenses

            | Item | Limit | Approver |
            |---|---|---|
            | Meals abroad | 50 euros per day | Manager |
            | Hotels | 180 euros per night | Finance |

            Travel expenses are reimbursed within 30 days of submitting receipts.
            """);
        _temp.Write("kb/it.md", """
            # Laptops

            Every engineer receives a laptop on the first day. Lost laptops must be reported to the IT helpdesk within 24 hours.
            """);
        await new DocumentIngestor(_store, SharedEmbedder.Instance, _temp.Path).IngestAsync("hr", ["kb"]);
        var specialist = new RetrievalSpecialist(_store, SharedEmbedder.Instance);
        var agent = new AgentDefinition { Name = "hr-policy", Kind = AgentKind.Retrieval, Description = "HR", Knowledge = "hr" };
        string[] questions = ["How many days of annual leave do I get?", "What is the hotel limit?", "I lost my laptop, who do I tell?", "When are expenses paid?"];

        var first = new List<string>();
        foreach (var question in questions)
        {
            first.Add(Describe(await specialist.AnswerAsync(new SpecialistRequest(question, agent))));
        }

        var again = new List<string>();
        foreach (var question in questions.Reverse())
        {
            again.Insert(0, Describe(await specialist.AnswerAsync(new SpecialistRequest(question, agent))));
        }

        Assert.Equal(first, again);
        Assert.All(first, answer => Assert.StartsWith("ok ", answer, StringComparison.Ordinal));
    }

    private static string Describe(SpecialistResult result) =>
        $"{(result.Succeeded ? "ok" : "failed")} {result.Answer} | {string.Join(" ; ", result.Citations.Select(c => $"{c.Id} {c.Source} {c.Locator} {c.Text}"))} | {string.Join(",", result.Evidence.Select(e => $"{e.ChunkId}:{e.Score:R}"))}";

    private static List<string> Describe(IReadOnlyList<SearchHit> hits) =>
        [.. hits.Select(h => $"{h.Passage.ChunkId} {h.Passage.Text} {h.Passage.Locator} {h.Passage.Score:R} {h.DenseSimilarity:R} {h.DenseRank} {h.KeywordRank} {string.Join(";", h.Passage.SentenceVectors?.Select(u => u.Text + string.Join(",", u.Vector)) ?? [])}")];
}
