using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Prompts;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Specialists;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Generation;

/// <summary>Retrieval agents with a model: cited answers from the model, the extractive answer whenever the model cannot be trusted.</summary>
public sealed class GroundedRetrievalTests : IAsyncLifetime
{
    private const string Question = "How many days of annual leave do new employees get?";
    private readonly TempDirectory _temp = new();
    private readonly FakeOpenAiServer _server = FakeOpenAiServer.Start();
    private readonly SqliteVectorStore _store;
    private readonly ModelRegistry _models;

    public GroundedRetrievalTests()
    {
        _store = new SqliteVectorStore(Path.Combine(_temp.Path, "store.db"));
        _models = new ModelRegistry(OpenAiTestConfig.Config(OpenAiTestConfig.Model(_server)), NullLoggerFactory.Instance);
    }

    public async Task InitializeAsync()
    {
        _temp.Write("kb/leave.md", """
            # Annual leave

            New employees get 25 days of annual leave per calendar year. Unused days can be carried over until March.

            # Expenses

            Travel expenses are reimbursed within 30 days of submitting receipts.
            """);
        await new DocumentIngestor(_store, SharedEmbedder.Instance, _temp.Path).IngestAsync("hr", ["kb"]);
    }

    public async Task DisposeAsync()
    {
        _models.Dispose();
        _store.Dispose();
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private static AgentDefinition Agent(string? model = OpenAiTestConfig.ModelName) =>
        new() { Name = "hr-policy", Kind = AgentKind.Retrieval, Description = "HR", Knowledge = "hr", Model = model };

    private GroundedRetrievalSpecialist Specialist() =>
        new(new RetrievalSpecialist(_store, SharedEmbedder.Instance), _models, new GroundedAnswerWriter(PromptLibrary.Empty));

    private Task<SpecialistResult> AskAsync() => Specialist().AnswerAsync(new SpecialistRequest(Question, Agent()));

    [Fact]
    public async Task Model_answer_citations_map_to_the_numbered_passages()
    {
        _server.Enqueue(FakeOpenAiReply.WithText("New employees get 25 days per year [1]."));

        var result = await AskAsync();

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Null(result.Fallback);
        Assert.Equal("New employees get 25 days per year [1].", result.Answer);
        var citation = Assert.Single(result.Citations);
        Assert.Equal(1, citation.Id);
        Assert.Equal("kb/leave.md", citation.Source);
        Assert.Contains("25 days", Assert.Single(result.Evidence).Text, StringComparison.Ordinal);

        // The passages went to the model as numbered context, behind a system message that marks them as data.
        var messages = Assert.Single(_server.Requests).Messages;
        Assert.Contains("not instructions", messages[0].Content, StringComparison.Ordinal);
        Assert.Contains("[1] (kb/leave.md, Annual leave)", messages[1].Content, StringComparison.Ordinal);
        Assert.Contains(Question, messages[1].Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("New employees get 99 days [7].", "cited [7]")]
    [InlineData("New employees get plenty of days.", "cites no passage")]
    [InlineData("", "empty answer")]
    public async Task Unsupported_model_answers_fall_back_to_the_extractive_answer(string reply, string reason)
    {
        _server.Enqueue(FakeOpenAiReply.WithText(reply));

        var result = await AskAsync();

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.StartsWith("New employees get 25 days of annual leave per calendar year. [1]", result.Answer, StringComparison.Ordinal);
        Assert.Contains(reason, result.Fallback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_error_falls_back_to_the_extractive_answer()
    {
        _server.DefaultReply = FakeOpenAiReply.Error(500);

        var result = await AskAsync();

        Assert.True(result.Succeeded);
        Assert.StartsWith("New employees get 25 days", result.Answer, StringComparison.Ordinal);
        Assert.Equal($"extractive answer used: model '{OpenAiTestConfig.ModelName}' returned HTTP 500", result.Fallback);
    }

    [Fact]
    public async Task Garbage_response_body_falls_back_to_the_extractive_answer()
    {
        _server.DefaultReply = FakeOpenAiReply.Raw(200, "this is not json {");

        var result = await AskAsync();

        Assert.True(result.Succeeded);
        Assert.StartsWith("New employees get 25 days", result.Answer, StringComparison.Ordinal);
        Assert.NotNull(result.Fallback);
    }

    [Fact]
    public async Task Unknown_collection_fails_without_asking_the_model()
    {
        var agent = new AgentDefinition { Name = "hr-policy", Kind = AgentKind.Retrieval, Description = "HR", Knowledge = "nothing-here", Model = OpenAiTestConfig.ModelName };

        var result = await Specialist().AnswerAsync(new SpecialistRequest(Question, agent));

        Assert.False(result.Succeeded);
        Assert.Empty(_server.Requests);
    }
}
