using Orchestrator.Hosting;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// The relevance check judges a follow-up by the question retrieval answered ("and admins?" becomes
/// "How often do admins have to change my password?"). Before the fix it compared the answer with
/// the bare follow-up, so four of the sample's follow-ups that retrieval answered right were withheld
/// once the agents listed relevance.
/// </summary>
public sealed class FollowUpRelevanceTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private OrchestratorRuntime? _runtime;

    public async Task InitializeAsync() =>
        _runtime = await EditedSample.StartAsync(_dir.Path, (path, text) => path.StartsWith("agents/", StringComparison.Ordinal)
            ? text.Replace("guardian: [ groundedness, pii ]", "guardian: [ groundedness, pii, relevance ]", StringComparison.Ordinal)
            : text);

    public async Task DisposeAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Theory]
    [InlineData("How often do I have to change my password?", "Standard user passwords expire every 180 days.", "and admins?", "90 days")]
    [InlineData("How many vacation days do I get per year?", "Full-time employees receive 25 days of paid annual leave per leave year.", "and for part-timers?", "pro rata")]
    public async Task A_follow_up_is_judged_by_the_question_retrieval_answered(string first, string firstAnswer, string followUp, string fact)
    {
        ConversationTurn[] history = [new(ConversationTurn.User, first), new(ConversationTurn.Assistant, firstAnswer)];

        var response = await _runtime!.Pipeline.AskAsync(new OrchestratorRequest(followUp) { History = history });

        Assert.NotNull(response.RetrievalQuery);
        Assert.True(response.Guardian.Passed, string.Join("; ", response.Guardian.Checks.Select(c => $"{c.Name}: {c.Detail}")));
        Assert.Contains(fact, response.Answer, StringComparison.OrdinalIgnoreCase);
    }
}
