using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Orchestrator.Specialists;
using Orchestrator.Tests.Support;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Tools;

/// <summary>The model path, through the real OpenAI client against a scripted loopback server.</summary>
public sealed class FunctionCallingTests : IDisposable
{
    private readonly ToolTestKit _kit = new();

    [Fact]
    public async Task Multi_step_tool_calls_are_run_recorded_and_answered()
    {
        await using var stub = FakeOpenAiServer.Start()
            .Enqueue(ToolCalls(("get_leave_balance", """{"employee_id":"NW-1002"}""")))
            .Enqueue(ToolCalls(("calculate", """{"expression":"7 - 5"}""")))
            .Enqueue(FakeOpenAiReply.WithText("Lukas has 7 days left; after a 5-day trip he would have 2."));

        var result = await AskAsync(stub, "If NW-1002 takes 5 days off, how many are left?");

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("Lukas has 7 days left; after a 5-day trip he would have 2.", result.Answer);
        Assert.Equal(["get_leave_balance", "calculate"], result.ToolCalls.Select(c => c.Name));
        Assert.All(result.ToolCalls, c => Assert.True(c.Ok));
        Assert.Equal("7 - 5 = 2", result.ToolCalls[1].Result);
        Assert.Equal(["tool:get_leave_balance", "tool:calculate"], result.Evidence.Select(e => e.Source));

        var requests = stub.Requests.Select(Body).ToList();
        Assert.Equal(3, requests.Count);
        var offered = requests[0]["tools"]!.AsArray().Select(t => (string?)t!["function"]!["name"]).ToList();
        Assert.Equal(["get_leave_balance", "calculate"], offered);
        Assert.Contains(ToolMessages(requests[2]), m => m.Contains("7 - 5 = 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schema_invalid_arguments_are_rejected_and_fed_back()
    {
        await using var stub = FakeOpenAiServer.Start()
            .Enqueue(ToolCalls(("create_it_ticket", """{"summary":"VPN down","priority":"P9","admin":true}""")))
            .Enqueue(ToolCalls(("create_it_ticket", """{"summary":"VPN down","priority":"P1"}""")))
            .Enqueue(FakeOpenAiReply.WithText("I opened ticket IT-000001."));

        var result = await AskAsync(stub, "VPN is down for everyone, open a P1 ticket", "create_it_ticket", "calculate");

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, result.ToolCalls.Count);
        Assert.False(result.ToolCalls[0].Ok);
        Assert.Contains("unknown argument 'admin'", result.ToolCalls[0].Result, StringComparison.Ordinal);
        Assert.True(result.ToolCalls[1].Ok);
        Assert.Null(await _kit.Tickets.FindAsync("IT-000002"));
        Assert.Equal("P1", (await _kit.Tickets.FindAsync("IT-000001"))?.Priority);

        var feedback = ToolMessages(Body(stub.Requests[1]));
        Assert.Contains(feedback, m => m.Contains("error: invalid arguments", StringComparison.Ordinal) && m.Contains("priority", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Arguments_that_are_not_json_are_fed_back_as_an_error()
    {
        await using var stub = FakeOpenAiServer.Start()
            .Enqueue(ToolCalls(("calculate", "{not json")))
            .Enqueue(FakeOpenAiReply.WithText("Sorry, I could not calculate that."));

        var result = await AskAsync(stub, "what is 2+2", "calculate");

        Assert.True(result.Succeeded);
        var call = Assert.Single(result.ToolCalls);
        Assert.False(call.Ok);
        Assert.Contains("error:", call.Result, StringComparison.Ordinal);
        Assert.Contains(ToolMessages(Body(stub.Requests[1])), m => m.Contains("error:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unlisted_tool_is_refused_even_if_the_model_asks_for_it()
    {
        await using var stub = FakeOpenAiServer.Start()
            .Enqueue(ToolCalls(("create_it_ticket", """{"summary":"x"}""")))
            .Enqueue(FakeOpenAiReply.WithText("Sorry, I cannot file tickets."));

        var result = await AskAsync(stub, "open a ticket", "calculate");

        Assert.False(Assert.Single(result.ToolCalls).Ok);
        Assert.Null(await _kit.Tickets.FindAsync("IT-000001"));
    }

    [Fact]
    public async Task Iteration_cap_stops_a_model_that_keeps_calling_tools()
    {
        await using var stub = FakeOpenAiServer.Start();
        for (var i = 0; i < 5; i++)
        {
            stub.Enqueue(ToolCalls(("calculate", """{"expression":"1 + 1"}""")));
        }

        var result = await AskAsync(stub, "add forever", new ToolCallingOptions { MaxIterations = 3 }, "calculate");

        Assert.False(result.Succeeded);
        Assert.Contains("after 3 rounds", result.FailureReason, StringComparison.Ordinal);
        Assert.Equal(3, result.ToolCalls.Count);
        Assert.Equal(3, stub.Requests.Count);
    }

    private Task<SpecialistResult> AskAsync(FakeOpenAiServer stub, string question, params string[] tools) =>
        AskAsync(stub, question, null, tools.Length == 0 ? ["get_leave_balance", "calculate"] : tools);

    private Task<SpecialistResult> AskAsync(FakeOpenAiServer stub, string question, ToolCallingOptions? options, params string[] tools)
    {
        var client = new OpenAI.Chat.ChatClient("fake-gpt", new System.ClientModel.ApiKeyCredential("test"), new OpenAI.OpenAIClientOptions { Endpoint = stub.Endpoint })
            .AsIChatClient();
        var specialist = new ToolCallingSpecialist(_kit.Registry, SharedEmbedder.Instance, _ => client, options);
        return specialist.AnswerAsync(new SpecialistRequest(question, ToolTestKit.Agent(tools)) { Caller = ToolTestKit.HrCaller });
    }

    /// <summary>One scripted reply with these tool calls, each with a fresh call id.</summary>
    private static FakeOpenAiReply ToolCalls(params (string Name, string ArgumentsJson)[] calls) =>
        FakeOpenAiReply.WithToolCalls([.. calls.Select(c => new FakeToolCall(c.Name, c.ArgumentsJson, "call_" + Guid.NewGuid().ToString("N")[..8]))]);

    private static JsonObject Body(RecordedRequest request) => request.Json!.AsObject();

    private static List<string> ToolMessages(JsonObject request) =>
        request["messages"]!.AsArray().OfType<JsonObject>().Where(m => (string?)m["role"] == "tool").Select(m => m["content"]!.ToJsonString()).ToList();

    public void Dispose() => _kit.Dispose();
}
