using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Specialists;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

/// <summary>A follow-up about something the documents never name is answered from the row that covers "all other" cases.</summary>
public sealed class CatchAllFollowUpTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SqliteVectorStore _store;

    public CatchAllFollowUpTests() => _store = new SqliteVectorStore(Path.Combine(_temp.Path, "store.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private async Task<RetrievalSpecialist> IngestAsync()
    {
        _temp.Write("kb/travel.md", """
            # Hotels

            Hotel rates are capped per night according to the city tier.

            - Tier 1 - Rome, Madrid, Vienna: up to EUR 240 per night.
            - Tier 2 - Porto, Krakow, Gdansk: up to EUR 170 per night.
            - Tier 3 - all other cities: up to EUR 120 per night.

            Staying with friends instead of a hotel is allowed; you may then claim EUR 35 per night.

            # Trains

            Rail is preferred for journeys under 4 hours.
            """);
        await new DocumentIngestor(_store, SharedEmbedder.Instance, _temp.Path).IngestAsync("travel", ["kb"]);
        return new RetrievalSpecialist(_store, SharedEmbedder.Instance);
    }

    private static IReadOnlyList<ConversationTurn> After(string question) =>
        [new(ConversationTurn.User, question), new(ConversationTurn.Assistant, "(previous answer)")];

    [Fact]
    public async Task An_unlisted_city_is_searched_as_all_other_cities()
    {
        var specialist = await IngestAsync();

        var answer = await specialist.AnswerFromCollectionAsync("travel", "and in Bergen?", After("What is the hotel cap per night in Madrid?"));

        Assert.True(answer.Result.Succeeded, answer.Result.FailureReason);
        Assert.Equal("What is the hotel cap per night in all other?", answer.Result.RetrievalQuery);
        Assert.Contains("EUR 120", answer.Result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listed_city_keeps_its_own_row()
    {
        var specialist = await IngestAsync();

        var answer = await specialist.AnswerFromCollectionAsync("travel", "and in Krakow?", After("What is the hotel cap per night in Madrid?"));

        Assert.Equal("What is the hotel cap per night in Krakow?", answer.Result.RetrievalQuery);
        Assert.Contains("EUR 170", answer.Result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_does_not_quote_again_what_the_previous_answer_said()
    {
        var specialist = await IngestAsync();
        var first = await specialist.AnswerFromCollectionAsync("travel", "What is the hotel cap per night in Madrid?", []);
        Assert.Contains("EUR 240", first.Result.Answer, StringComparison.Ordinal);
        IReadOnlyList<ConversationTurn> history = [new(ConversationTurn.User, "What is the hotel cap per night in Madrid?"), new(ConversationTurn.Assistant, first.Result.Answer)];

        var next = await specialist.AnswerFromCollectionAsync("travel", "and if I stay with friends?", history);

        Assert.True(next.Result.Succeeded, next.Result.FailureReason);
        Assert.DoesNotContain("EUR 240", next.Result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_previous_answer_that_quotes_everything_or_a_megabyte_leaves_the_answer_whole()
    {
        var specialist = await IngestAsync();
        var everything = await File.ReadAllTextAsync(Path.Combine(_temp.Path, "kb", "travel.md"));
        foreach (var said in new[] { everything, new string('x', 1_000_000), "" })
        {
            IReadOnlyList<ConversationTurn> history = [new(ConversationTurn.User, "What is the hotel cap per night in Madrid?"), new(ConversationTurn.Assistant, said)];

            var answer = await specialist.AnswerFromCollectionAsync("travel", "and in Krakow?", history);

            Assert.True(answer.Result.Succeeded, answer.Result.FailureReason);
            Assert.NotEmpty(answer.Result.Answer);
        }
    }
}
