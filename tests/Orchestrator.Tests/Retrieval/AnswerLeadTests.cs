using Orchestrator.Configuration;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Specialists;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

/// <summary>Extractive answers lead with the sentence that answers, and follow-ups search with the conversation's topic.</summary>
public sealed class AnswerLeadTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SqliteVectorStore _store;

    public AnswerLeadTests() => _store = new SqliteVectorStore(Path.Combine(_temp.Path, "store.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private static AgentDefinition Agent() => new() { Name = "hr-policy", Kind = AgentKind.Retrieval, Description = "HR", Knowledge = "kb" };

    private async Task IngestAsync()
    {
        _temp.Write("kb/leave.md", """
            # Entitlement

            - Public holidays of the country in which you are employed are given **in addition** to the 25 days.
            - Full-time employees (40 hours per week) receive **25 days of paid annual leave** per leave year.
            - Leave is counted in working days. Half days can be booked; hours cannot.

            # Hotels

            Hotel rates are capped per night according to the city tier.

            | Tier | Cities | Cap |
            |---|---|---|
            | Tier 1 | London, Paris, Zurich | EUR 250 per night |
            | Tier 2 | Amsterdam, Berlin, Munich | EUR 180 per night |
            """);
        await new DocumentIngestor(_store, SharedEmbedder.Instance, _temp.Path).IngestAsync("kb", ["kb"]);
    }

    [Fact]
    public async Task A_how_many_question_leads_with_the_sentence_that_states_the_number()
    {
        await IngestAsync();
        var specialist = new RetrievalSpecialist(_store, SharedEmbedder.Instance);

        var result = await specialist.AnswerAsync(new SpecialistRequest("How many vacation days do I get?", Agent()));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.StartsWith("Full-time employees (40 hours per week) receive 25 days of paid annual leave per leave year. [1]", result.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("**", result.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("|", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readmes_first_question_leads_with_the_days_everyone_gets_on_the_sample_policy()
    {
        // On the sample's real HR documents and the default int8 encoder, the answer led with the
        // carry-over limit ("a maximum of 5 unused days"), then with the long-service figure.
        var hr = Path.Combine(RepoPaths.Root, "samples", "enterprise-assistant", "knowledge", "hr");
        await new DocumentIngestor(_store, SharedEmbedder.Int8, hr).IngestAsync("hr", [hr]);
        var specialist = new RetrievalSpecialist(_store, SharedEmbedder.Int8);

        var result = await specialist.AnswerAsync(new SpecialistRequest("How many vacation days do I get?", new AgentDefinition { Name = "hr-policy", Kind = AgentKind.Retrieval, Description = "HR", Knowledge = "hr" }));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.StartsWith("Full-time employees (40 hours per week) receive 25 days of paid annual leave per leave year.", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_elliptical_follow_up_is_searched_with_the_previous_topic_and_records_the_query()
    {
        await IngestAsync();
        var specialist = new RetrievalSpecialist(_store, SharedEmbedder.Instance);
        var history = new List<ConversationTurn> { new(ConversationTurn.User, "What's the maximum hotel price per night in Amsterdam?"), new(ConversationTurn.Assistant, "EUR 180 per night.") };

        var result = await specialist.AnswerAsync(new SpecialistRequest("and in Paris?", Agent()) { History = history });

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("What's the maximum hotel price per night in Paris?", result.RetrievalQuery);
        Assert.StartsWith("Tier 1: London, Paris, Zurich; Cap: EUR 250 per night.", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_without_history_records_no_rewrite()
    {
        await IngestAsync();
        var specialist = new RetrievalSpecialist(_store, SharedEmbedder.Instance);

        var result = await specialist.AnswerAsync(new SpecialistRequest("How many vacation days do I get?", Agent()));

        Assert.Null(result.RetrievalQuery);
    }
}
