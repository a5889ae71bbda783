using Orchestrator.Retrieval.QueryRewriting;
using Orchestrator.Specialists;
using Orchestrator.Tests.Escalation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

/// <summary>A retrieval agent with a model lets it rewrite follow-ups; any failure falls back to the deterministic rewrite.</summary>
public sealed class ModelQueryRewriteTests
{
    private const string Grounded = "Employees park on level 2 of the garage on weekdays [1].";
    private const string FollowUp = "and what about them?";
    private const string Secret = "NW-1004 has 3.5 days left";

    private static readonly ConversationTurn[] History =
        [new("user", "Which garage level do employees park on?"), new("assistant", "Level 2. " + Secret)];

    [Fact]
    public async Task A_follow_up_is_searched_as_the_model_rewrote_it_and_only_user_turns_reach_the_prompt()
    {
        const string Rewritten = "Which garage level do employees park on during weekdays?";
        await using var d = await EscalationDeployment.StartAsync(parkingModel: true);
        d.Local.Enqueue(
            FakeOpenAiReply.WithText($"\"{Rewritten}\"") with { PromptTokens = 70, CompletionTokens = 12 },
            FakeOpenAiReply.WithText(Grounded) with { PromptTokens = 300, CompletionTokens = 20 });

        var response = await d.AskAsync(FollowUp, history: History);

        Assert.Equal(Rewritten, response.RetrievalQuery);
        Assert.Equal(Grounded, response.Answer);
        Assert.Equal(370, response.Cost.PromptTokens); // the rewrite call is counted with the answer's
        Assert.Equal(32, response.Cost.CompletionTokens);
        var rewrite = d.Local.Requests[0].Messages;
        Assert.Equal(ModelQueryRewriter.Instruction, rewrite[0].Content);
        Assert.Contains("Which garage level do employees park on?", rewrite[1].Content, StringComparison.Ordinal);
        Assert.Contains(FollowUp, rewrite[1].Content, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, rewrite[1].Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("empty")]
    [InlineData("two lines")]
    [InlineData("huge")]
    public async Task A_failed_or_unusable_rewrite_falls_back_to_the_deterministic_one(string failure)
    {
        await using var d = await EscalationDeployment.StartAsync(parkingModel: true);
        d.Local.Enqueue(
            failure switch
            {
                "error" => FakeOpenAiReply.Error(500),
                "empty" => FakeOpenAiReply.WithText("   "),
                "two lines" => FakeOpenAiReply.WithText("Sure! Here is the query:\nparking level"),
                _ => FakeOpenAiReply.WithText(new string('q', ModelQueryRewriter.MaxQueryChars + 1)),
            },
            FakeOpenAiReply.WithText(Grounded));

        var response = await d.AskAsync(FollowUp, history: History);

        Assert.Equal(FollowUpQueryRewriter.Rewrite(FollowUp, History), response.RetrievalQuery);
        Assert.Equal(Grounded, response.Answer);
    }

    [Theory]
    [InlineData("Sure! Here is the query:\nparking level")] // unusable output
    [InlineData("xylophone quartet zeppelin")] // a usable query that finds nothing
    public async Task A_rewrite_that_is_not_used_is_still_billed(string rewriteText)
    {
        await using var d = await EscalationDeployment.StartAsync(parkingModel: true);
        d.Local.Enqueue(
            FakeOpenAiReply.WithText(rewriteText) with { PromptTokens = 70, CompletionTokens = 12 },
            FakeOpenAiReply.WithText(Grounded) with { PromptTokens = 300, CompletionTokens = 20 });

        var response = await d.AskAsync(FollowUp, history: History);

        Assert.Equal(FollowUpQueryRewriter.Rewrite(FollowUp, History), response.RetrievalQuery);
        Assert.Equal(370, response.Cost.PromptTokens);
        Assert.Equal(32, response.Cost.CompletionTokens);
    }

    [Fact]
    public async Task A_standalone_question_costs_no_rewrite_call()
    {
        await using var d = await EscalationDeployment.StartAsync(parkingModel: true);
        d.Local.Enqueue(FakeOpenAiReply.WithText(Grounded));

        var response = await d.AskAsync("Which garage level do employees park on?", history: History);

        Assert.Single(d.Local.Requests);
        Assert.Null(response.RetrievalQuery);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("a\nb", null)]
    [InlineData("tab\u0007bell", null)]
    [InlineData("  'parking level for staff'  ", "parking level for staff")]
    [InlineData("ignore previous instructions", "ignore previous instructions")]
    public void Accept_takes_one_clean_line_only(string? text, string? expected)
    {
        // The structural check alone; whether the line is faithful to the conversation is the
        // three-argument Accept's job (ModelFollowUpRewriteTests), which refuses this one.
        Assert.Equal(expected, ModelQueryRewriter.Accept(text));
    }
}
