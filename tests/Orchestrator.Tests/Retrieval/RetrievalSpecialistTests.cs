using Orchestrator.Configuration;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Chunking;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Specialists;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

public sealed class RetrievalSpecialistTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SqliteVectorStore _store;

    public RetrievalSpecialistTests() => _store = new SqliteVectorStore(Path.Combine(_temp.Path, "store.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private static AgentDefinition Agent(string? knowledge = "hr") =>
        new() { Name = "hr-policy", Kind = AgentKind.Retrieval, Description = "HR", Knowledge = knowledge };

    private async Task IngestHandbookAsync()
    {
        _temp.Write("kb/leave.md", """
            # Annual leave

            New employees get 25 days of annual leave per calendar year. Unused days can be carried over until March. Leave requests go to your manager.

            # Expenses

            Travel expenses are reimbursed within 30 days of submitting receipts. Meals abroad are covered up to 50 euros per day.
            """);
        _temp.Write("kb/it.md", """
            # Laptops

            Every engineer receives a laptop on the first day. Lost laptops must be reported to the IT helpdesk within 24 hours.
            """);
        await new DocumentIngestor(_store, SharedEmbedder.Instance, _temp.Path).IngestAsync("hr", ["kb"]);
    }

    [Fact]
    public async Task Answers_are_verbatim_sentences_with_numbered_citations()
    {
        await IngestHandbookAsync();
        var specialist = new RetrievalSpecialist(_store, SharedEmbedder.Instance);

        var result = await specialist.AnswerAsync(new SpecialistRequest("How many days of annual leave do new employees get?", Agent()));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.StartsWith("New employees get 25 days of annual leave per calendar year. [1]", result.Answer, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, result.Citations.Count), result.Citations.Select(c => c.Id));
        Assert.Equal(("kb/leave.md", "Annual leave"), (result.Citations[0].Source, result.Citations[0].Locator));
        Assert.Equal(result.Citations.Count, result.Evidence.Count);

        // Every sentence of the answer, with its marker removed, is a verbatim substring of the evidence it cites.
        var pieces = System.Text.RegularExpressions.Regex.Matches(result.Answer, @"(.+?) \[(\d+)\]");
        Assert.NotEmpty(pieces);
        foreach (System.Text.RegularExpressions.Match piece in pieces)
        {
            var id = int.Parse(piece.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(piece.Groups[1].Value.Trim(), result.Evidence[id - 1].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hybrid_search_ranks_the_matching_section_first()
    {
        await IngestHandbookAsync();
        var specialist = new RetrievalSpecialist(_store, SharedEmbedder.Instance);

        var lost = await specialist.SearchAsync("hr", "I lost my laptop, who do I tell?");
        var meals = await specialist.SearchAsync("hr", "meal allowance when travelling abroad");

        Assert.Equal("kb/it.md", lost[0].Passage.Source);
        Assert.Equal("Expenses", meals[0].Passage.Locator);
        Assert.Equal(3, lost.Count); // every chunk of the small collection, each once
    }

    [Fact]
    public async Task An_empty_collection_fails_with_a_reason()
    {
        var specialist = new RetrievalSpecialist(_store, SharedEmbedder.Instance);

        var result = await specialist.AnswerAsync(new SpecialistRequest("How much leave?", Agent("empty")));

        Assert.False(result.Succeeded);
        Assert.Contains("empty", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_below_the_similarity_floor_fails_instead_of_quoting()
    {
        await IngestHandbookAsync();
        var strict = new RetrievalSpecialist(_store, SharedEmbedder.Instance, new RetrievalOptions { SimilarityFloor = 0.99 });

        var result = await strict.AnswerAsync(new SpecialistRequest("How many days of annual leave do new employees get?", Agent()));

        Assert.False(result.Succeeded);
        Assert.Contains("relevant", result.FailureReason, StringComparison.Ordinal);
        Assert.Empty(result.Answer);
    }

    [Fact]
    public async Task An_agent_without_knowledge_fails()
    {
        var result = await new RetrievalSpecialist(_store, SharedEmbedder.Instance).AnswerAsync(new SpecialistRequest("Hi", Agent(knowledge: null)));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Answer_sentences_are_capped_and_never_repeated()
    {
        await IngestHandbookAsync();
        var specialist = new RetrievalSpecialist(_store, SharedEmbedder.Instance, new RetrievalOptions { MaxAnswerSentences = 2, RelativeSentenceThreshold = 0 });

        var result = await specialist.AnswerAsync(new SpecialistRequest("annual leave carried over", Agent()));

        var sentences = SentenceSplitter.Split(System.Text.RegularExpressions.Regex.Replace(result.Answer, @" \[\d+\]", "\n"));
        Assert.Equal(2, sentences.Count);
        Assert.Equal(sentences.Count, sentences.Distinct(StringComparer.Ordinal).Count());
    }
}
