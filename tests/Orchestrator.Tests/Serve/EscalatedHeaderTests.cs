using System.Net;
using System.Text.Json;
using Orchestrator.Tests.Escalation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary><c>x-orchestrator-escalated</c> says whether the cloud's answer was given, not whether one was wanted: refusals say false.</summary>
public sealed class EscalatedHeaderTests
{
    // Naming the escalation target asks for a cloud answer; the parking agent answers locally first.
    private const string AskCloud = """{"model":"cloud","messages":[{"role":"user","content":"Where do employees park?"}]}""";
    private const string AskCloudStreamed = """{"model":"cloud","stream":true,"messages":[{"role":"user","content":"Where do employees park?"}]}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_refused_escalation_says_false(bool stream)
    {
        await using var d = await EscalationDeployment.StartAsync();
        d.Primary.DefaultReply = FakeOpenAiReply.Error(503);
        d.Secondary.DefaultReply = FakeOpenAiReply.Error(503);
        await using var server = await LoopbackServer.StartAsync(d.Runtime);

        using var response = await server.Client.SendAsync(server.Post(stream ? AskCloudStreamed : AskCloud));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("false", ApiAssert.Header(response, "x-orchestrator-escalated"));
        var escalation = Metadata(body, stream).GetProperty("escalation");
        Assert.True(escalation.GetProperty("needed").GetBoolean());
        Assert.False(escalation.GetProperty("performed").GetBoolean());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_performed_escalation_says_true(bool stream)
    {
        await using var d = await EscalationDeployment.StartAsync();
        await using var server = await LoopbackServer.StartAsync(d.Runtime);

        using var response = await server.Client.SendAsync(server.Post(stream ? AskCloudStreamed : AskCloud));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", ApiAssert.Header(response, "x-orchestrator-escalated"));
        Assert.Contains("Primary cloud answer.", body, StringComparison.Ordinal);
        Assert.True(Metadata(body, stream).GetProperty("escalation").GetProperty("performed").GetBoolean());
    }

    private static JsonElement Metadata(string body, bool stream)
    {
        var json = stream
            ? body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).Last(e => e.Contains("\"orchestrator\"", StringComparison.Ordinal))
            : body;
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("orchestrator").Clone();
    }
}
