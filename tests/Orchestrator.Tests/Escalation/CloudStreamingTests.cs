using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation;

/// <summary>Escalated answers stream; a broken stream falls back only while nothing has been shown.</summary>
public sealed class CloudStreamingTests
{
    private const string ThreeSentences = "First sentence here. Second sentence follows. Third one ends it.";

    private static async Task<List<PipelineStreamEvent>> StreamAsync(EscalationDeployment d, string agent = "parking")
    {
        var events = new List<PipelineStreamEvent>();
        await foreach (var e in d.Runtime.Pipeline.StreamAsync(new OrchestratorRequest("Where do employees park?", agent) { EscalationRequested = true }))
        {
            events.Add(e);
        }

        return events;
    }

    private static string Text(IEnumerable<PipelineStreamEvent> events) => string.Concat(events.OfType<AnswerDelta>().Select(e => e.Text));

    [Fact]
    public async Task Cloud_answer_arrives_in_several_deltas_that_join_to_the_answer()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.DefaultReply = EscalationDeployment.CloudReply(ThreeSentences);

        var events = await StreamAsync(d);

        Assert.True(Assert.IsType<StreamStarted>(events[0]).Escalating);
        Assert.True(events.OfType<AnswerDelta>().Count() >= 2);
        var completed = Assert.IsType<StreamCompleted>(events[^1]);
        Assert.Equal(ThreeSentences, Text(events));
        Assert.Equal(ThreeSentences, completed.Response.Answer);
        Assert.True(completed.Response.Escalation.Performed);
        Assert.True(Assert.Single(d.Primary.Requests).Stream);
    }

    [Fact]
    public async Task Stream_cut_before_any_text_was_shown_falls_back_to_the_next_provider()
    {
        await using var d = await EscalationDeployment.StartAsync();

        // The fake streams one word per chunk: two chunks do not finish the first sentence.
        d.Primary.Enqueue(FakeOpenAiReply.StreamCut(ThreeSentences, chunks: 2));
        d.Secondary.DefaultReply = EscalationDeployment.CloudReply("Backup answer. Complete.");

        var events = await StreamAsync(d);

        var completed = Assert.IsType<StreamCompleted>(events[^1]);
        Assert.Equal("Backup answer. Complete.", Text(events));
        Assert.Equal("cloud-b", completed.Response.Escalation.Target);
        Assert.DoesNotContain("First", Text(events), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_cut_after_text_was_shown_ends_with_stream_failed_and_no_repeat()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.Enqueue(FakeOpenAiReply.StreamCut(ThreeSentences, chunks: 6));

        var events = await StreamAsync(d);

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Contains("interrupted", failed.Message, StringComparison.Ordinal);
        Assert.Equal("stream_broken", failed.Response!.Escalation.DegradedReason);
        var shown = Text(events);
        Assert.StartsWith("First sentence here.", shown, StringComparison.Ordinal);
        Assert.True(ThreeSentences.StartsWith(shown, StringComparison.Ordinal), shown);
        Assert.Empty(d.Secondary.Requests);
    }

    [Fact]
    public async Task Streamed_deltas_have_the_users_values_restored()
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.DefaultReply = EscalationDeployment.CloudReply("I will write to <EMAIL_1> today. Done.");

        var events = new List<PipelineStreamEvent>();
        await foreach (var e in d.Runtime.Pipeline.StreamAsync(new OrchestratorRequest("Mail jane.doe@contoso.example about parking", "parking") { EscalationRequested = true }))
        {
            events.Add(e);
        }

        Assert.Equal("I will write to jane.doe@contoso.example today. Done.", Text(events));
        Assert.DoesNotContain("jane.doe", Assert.Single(d.Primary.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_answers_stay_one_validated_delta()
    {
        await using var d = await EscalationDeployment.StartAsync();

        var events = new List<PipelineStreamEvent>();
        await foreach (var e in d.Runtime.Pipeline.StreamAsync(new OrchestratorRequest("Where do employees park?", "parking")))
        {
            events.Add(e);
        }

        Assert.Single(events.OfType<AnswerDelta>());
        Assert.False(Assert.IsType<StreamCompleted>(events[^1]).Response.Escalation.Needed);
        Assert.Empty(d.Primary.Requests);
    }
}
