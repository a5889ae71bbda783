using Microsoft.Extensions.AI;
using Orchestrator.Escalation.Middleware;

namespace Orchestrator.Tests.Escalation.Middleware;

/// <summary>
/// The cloud boundary withholds identifier-shaped runs the PII detector has no cue for (privacy39): a
/// national id written bare reached the cloud in clear. Ordinary numbers still go as written.
/// </summary>
public sealed class IdShapedRunsTests
{
    [Theory]
    [InlineData("my BSN is 111222333, can I still join the pension plan?", "111222333")]
    [InlineData("Please check 4471093825 and tell me whether the claim is complete.", "4471093825")]
    [InlineData("The letter quoted reference 604-118-273-91 twice.", "604-118-273-91")]
    [InlineData("Is QQ123456C a valid code for the payroll form?", "QQ123456C")]
    public async Task An_identifier_without_a_cue_is_sent_as_a_placeholder_and_comes_back_in_the_answer(string question, string value)
    {
        var inner = new ScriptedChatClient(ScriptedChatClient.Text("About <ID_1>: it is on file. "), ScriptedChatClient.Finish());
        using var client = inner.AsBuilder().UsePiiBoundary().Build();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, question)]);

        var sent = string.Concat(inner.Received.Single().Select(m => m.Text));
        Assert.DoesNotContain(value, sent, StringComparison.Ordinal);
        Assert.Contains("<ID_1>", sent, StringComparison.Ordinal);
        Assert.Equal($"About {value}: it is on file.", response.Text.Trim());
    }

    [Theory]
    [InlineData("We ordered 250 laptops at $1,299.99 each in 2024; is the 12-month warranty enough?")]
    [InlineData("Revenue was 1,250,000,000 EUR and pi is 3.14159265358979; version 10.0.12 shipped on 2026-11-27.")]
    [InlineData("Call the switchboard at 09:30 about ticket INC-2041 and order A-1001 for 3 kg.")]
    [InlineData("Is the ISO 27001 audit due before 31/12/2026, and does RFC 9110 apply?")]
    [InlineData("The form is on https://wiki.example/pages/viewpage.action?pageId=123456789 (page 2).")]
    public async Task Ordinary_numbers_are_sent_as_written(string question)
    {
        var inner = new ScriptedChatClient(ScriptedChatClient.Text("Yes. "), ScriptedChatClient.Finish());
        using var client = inner.AsBuilder().UsePiiBoundary().Build();

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, question)]);

        Assert.DoesNotContain("<ID_", string.Concat(inner.Received.Single().Select(m => m.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_identifier_in_two_messages_is_one_placeholder_and_an_allowed_value_is_sent()
    {
        var inner = new ScriptedChatClient(ScriptedChatClient.Text("Noted. "), ScriptedChatClient.Finish());
        using var client = inner.AsBuilder().UsePiiBoundary(allow: ["800123456*"]).Build();

        await client.GetResponseAsync(
        [
            new ChatMessage(ChatRole.User, "My member number: no, just 731905284."),
            new ChatMessage(ChatRole.User, "Again 731905284 and 902244618, and the help line 8001234567."),
        ]);

        var sent = inner.Received.Single().Select(m => m.Text).ToList();
        Assert.Contains("<ID_1>", sent[0], StringComparison.Ordinal);
        Assert.Contains("Again <ID_1> and <ID_2>", sent[1], StringComparison.Ordinal);
        Assert.Contains("8001234567", sent[1], StringComparison.Ordinal);
    }
}
