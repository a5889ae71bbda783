using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Orchestrator.Escalation.Middleware;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Escalation.Middleware.MiddlewareHarness;

namespace Orchestrator.Tests.Escalation.Middleware;

/// <summary>The PII boundary on its own: placeholders out, values back, for whole and streamed answers.</summary>
public sealed class PiiBoundaryChatClientTests : MiddlewareTests
{
    /// <summary>Answers the way a cloud model refers to withheld data: with the placeholder it was sent.</summary>
    private static FakeOpenAiReply EchoPlaceholder(RecordedRequest request) =>
        Reply($"I will write to {Regex.Match(request.Messages[^1].Content, "<EMAIL_[0-9]+>").Value} today. Done.");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pii_never_leaves_in_clear_and_the_answer_gets_the_value_back(bool stream)
    {
        H.A.Responder = EchoPlaceholder;
        using var client = H.Client(H.A).AsBuilder().UsePiiBoundary().Build();
        var question = Question($"Mail {Email} about parking, please.");

        var response = stream ? (await StreamAsync(client, question)).ToChatResponse() : await client.GetResponseAsync(question);

        var body = Assert.Single(H.A.Requests).Body;
        Assert.DoesNotContain(Email, body, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", body, StringComparison.Ordinal);
        Assert.Contains("<EMAIL_1>", body, StringComparison.Ordinal);
        Assert.Equal(stream, H.A.Requests[0].Stream);
        Assert.Equal($"I will write to {Email} today. Done.", response.Text);
        Assert.Equal(1, PiiBoundaryChatClient.RedactedValuesOf(response.AdditionalProperties));
        Assert.True(PiiBoundaryChatClient.CheckOf(response.AdditionalProperties)?.Passed);
    }

    [Fact]
    public async Task Placeholder_split_across_stream_updates_is_restored_whole()
    {
        var inner = new ScriptedChatClient(
            ScriptedChatClient.Text("Write to <EMA"),
            ScriptedChatClient.Text("IL_1"),
            ScriptedChatClient.Text("> today. Then"),
            ScriptedChatClient.Text(" call <EMAIL_"),
            ScriptedChatClient.Text("1> back."),
            ScriptedChatClient.Finish());
        using var client = inner.AsBuilder().UsePiiBoundary().Build();

        var updates = await StreamAsync(client, Question($"Mail {Email}"));

        var deltas = updates.Select(u => u.Text).Where(t => t.Length > 0).ToList();
        Assert.Equal([$"Write to {Email} today. ", $"Then call {Email} back."], deltas);
        Assert.All(deltas, d => Assert.DoesNotContain("<EMA", d, StringComparison.Ordinal));
        Assert.DoesNotContain(Email, string.Concat(inner.Received.Single().Select(m => m.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_without_a_finish_reason_never_shows_its_partial_last_sentence()
    {
        var inner = new ScriptedChatClient(ScriptedChatClient.Text("Whole sentence. Half a sen"));
        using var client = inner.AsBuilder().UsePiiBoundary().Build();

        var updates = await StreamAsync(client, Question("Where do I park?"));

        Assert.Equal("Whole sentence. ", string.Concat(updates.Select(u => u.Text)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pii_the_model_makes_up_is_redacted_before_anyone_sees_it(bool stream)
    {
        H.A.DefaultReply = Reply("Ask bob.smith@fabrikam.example for details.");
        using var client = H.Client(H.A).AsBuilder().UsePiiBoundary().Build();

        var response = stream ? (await StreamAsync(client, Question("Who handles parking?"))).ToChatResponse() : await client.GetResponseAsync(Question("Who handles parking?"));

        Assert.DoesNotContain("bob.smith", response.Text, StringComparison.Ordinal);
        Assert.Contains("<EMAIL_1>", response.Text, StringComparison.Ordinal);
        Assert.Contains("email", PiiBoundaryChatClient.CheckOf(response.AdditionalProperties)!.Detail, StringComparison.Ordinal);
    }
}
