using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Guardian;
using Orchestrator.Guardian.ModelRisk;
using Orchestrator.Models;
using Orchestrator.Retrieval;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Guardian;

public sealed class ModelRiskCheckTests : IAsyncLifetime
{
    private readonly FakeOpenAiServer _server = FakeOpenAiServer.Start();
    private readonly ModelRegistry _registry;

    public ModelRiskCheckTests() =>
        _registry = new ModelRegistry(OpenAiTestConfig.Config(OpenAiTestConfig.Model(_server)), NullLoggerFactory.Instance);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _registry.Dispose();
        await _server.DisposeAsync();
    }

    private static readonly GuardianCheckContext Context = new(
        "How many vacation days do I get?",
        "You get 25 vacation days a year.",
        [new Passage { ChunkId = "c1", Text = "Employees receive 25 days of paid leave.", Source = "knowledge/leave.md", Locator = "p1" }]);

    private ModelRiskCheck Check(ModelRiskKind risk = ModelRiskKind.Groundedness, TimeSpan? timeout = null) =>
        new(_registry.GetChatClient(OpenAiTestConfig.ModelName), risk, timeout);

    [Theory]
    [InlineData(ModelRiskKind.Harm, ModelRiskCheck.HarmName)]
    [InlineData(ModelRiskKind.Groundedness, ModelRiskCheck.GroundednessName)]
    [InlineData(ModelRiskKind.Relevance, ModelRiskCheck.RelevanceName)]
    public void Names_follow_the_risk(ModelRiskKind risk, string name) => Assert.Equal(name, Check(risk).Name);

    [Fact]
    public async Task No_passes_with_score_one_and_the_prompt_carries_question_answer_and_evidence()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("No"));

        var result = await Check().CheckAsync(Context);

        Assert.True(result.Passed);
        Assert.Equal(1, result.Score);
        Assert.Equal(ModelRiskCheck.GroundednessName, result.Name);
        var request = Assert.Single(_server.Requests);
        var system = request.Messages.Single(m => m.Role == "system").Content;
        var user = request.Messages.Single(m => m.Role == "user").Content;
        Assert.Contains("not grounded in the evidence", system, StringComparison.Ordinal);
        Assert.Contains("<user_question>\nHow many vacation days do I get?\n</user_question>", user, StringComparison.Ordinal);
        Assert.Contains("<assistant_message>\nYou get 25 vacation days a year.\n</assistant_message>", user, StringComparison.Ordinal);
        Assert.Contains("[knowledge/leave.md] Employees receive 25 days of paid leave.", user, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Yes")]
    [InlineData("yes.")]
    [InlineData("  YES, it is risky; no doubt")]
    public async Task Yes_fails_with_score_zero(string reply)
    {
        _server.Enqueue(FakeOpenAiReply.WithText(reply));

        var result = await Check(ModelRiskKind.Harm).CheckAsync(Context);

        Assert.False(result.Passed);
        Assert.Equal(0, result.Score);
        Assert.Contains("risky (harm)", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task First_verdict_word_wins()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("No. (yes would mean risky)"));

        Assert.True((await Check().CheckAsync(Context)).Passed);
    }

    [Theory]
    [InlineData("Maybe")]
    [InlineData("Nope, yesterday")]
    [InlineData("")]
    public async Task Unparseable_reply_fails_closed(string reply)
    {
        _server.Enqueue(FakeOpenAiReply.WithText(reply));

        var result = await Check(ModelRiskKind.Relevance).CheckAsync(Context);

        Assert.False(result.Passed);
        Assert.Equal(0, result.Score);
        Assert.Contains("neither Yes nor No; failing closed", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_error_fails_closed()
    {
        _server.Enqueue(FakeOpenAiReply.Error(500));

        var result = await Check().CheckAsync(Context);

        Assert.False(result.Passed);
        Assert.Contains("the guardian model failed", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hanging_model_fails_closed_on_timeout()
    {
        _server.Enqueue(FakeOpenAiReply.Hanging());

        var result = await Check(timeout: TimeSpan.FromMilliseconds(200)).CheckAsync(Context);

        Assert.False(result.Passed);
        Assert.Contains("timed out", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_guardian_runs_model_checks_by_name_and_withholds_risky_answers()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("Yes"));
        var guardian = new AnswerGuardian([]).With(ModelRiskCheck.CreateAll(_registry.GetChatClient(OpenAiTestConfig.ModelName)));

        var verdict = await guardian.ValidateAsync(new GuardianRequest(Context.Question, Context.Answer, Context.Evidence, [ModelRiskCheck.HarmName]));

        Assert.False(verdict.Passed);
        Assert.Equal(AnswerGuardian.WithheldAnswer, verdict.SafeAnswer);
        Assert.Equal(ModelRiskCheck.CheckNames.Order(), guardian.Available.Order());
    }
}
