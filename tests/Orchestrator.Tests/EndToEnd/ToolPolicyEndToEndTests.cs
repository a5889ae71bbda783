using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Configuration;
using Orchestrator.Tests.Serve;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// Issue 12 defects 7 and 8 through the sample deployment: the pipeline with the sample's tool
/// policies, and the HTTP API with API keys that name a user (or none), trusted identity headers,
/// and confirmation as a follow-up turn.
/// </summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed class ToolPolicyEndToEndTests(SampleRuntimeFixture fixture)
{
    private const string TomsBalance = "How many days of annual leave does employee NW-1004 have left?";
    private const string AnnaKey = "sk-test-anna-0123456789";
    private const string TomKey = "sk-test-tom-0123456789";
    private const string GlobexKey = "sk-test-globex-0123456789";

    private static ServerConfig Keys(IdentityHeadersConfig? headers = null) => new()
    {
        ApiKeys =
        [
            new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(AnnaKey)), Tenant = "northwind", Name = "anna", User = "NW-1001" },
            new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(TomKey)), Tenant = "northwind", Name = "tom", User = "NW-1004" },
            new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(GlobexKey)), Tenant = "globex", Name = "globex" },
        ],
        IdentityHeaders = headers,
    };

    [Fact]
    public async Task The_pipeline_refuses_another_employees_balance_to_anonymous_and_other_callers()
    {
        var anonymous = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest(TomsBalance, "leave-balance"));
        var anna = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest(TomsBalance, "leave-balance") { Caller = new CallerIdentity("NW-1001") });
        var tom = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest("how many vacation days do I have left?", "leave-balance") { Caller = new CallerIdentity("NW-1004") });

        foreach (var refused in new[] { anonymous, anna })
        {
            Assert.Equal(ToolCallStatus.Refused, Assert.Single(refused.ToolCalls).Status);
            Assert.DoesNotContain("3.5", refused.Answer, StringComparison.Ordinal);
            Assert.False(refused.Escalation.Needed);
        }

        Assert.Contains("3.5", tom.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(AnnaKey)]
    [InlineData(GlobexKey)]
    public async Task Over_http_no_key_or_another_callers_key_gets_no_personal_data(string? key)
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, key is null ? new ServerConfig() : Keys());

        var (status, answer, calls) = await ChatAsync(server, key, ("user", TomsBalance));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("3.5", answer, StringComparison.Ordinal);
        Assert.Equal("refused", (string?)Assert.Single(calls)!["status"]);
    }

    [Fact]
    public async Task Over_http_the_keys_own_user_gets_their_balance()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, Keys());

        var (_, answer, calls) = await ChatAsync(server, TomKey, ("user", "how many vacation days do I have left?"));

        Assert.Contains("3.5", answer, StringComparison.Ordinal);
        Assert.Equal("ok", (string?)Assert.Single(calls)!["status"]);
    }

    [Fact]
    public async Task Identity_headers_count_only_when_the_host_enables_them()
    {
        await using var ignoring = await LoopbackServer.StartAsync(fixture.Runtime, Keys());
        await using var trusting = await LoopbackServer.StartAsync(fixture.Runtime, Keys(new IdentityHeadersConfig { User = "X-Forwarded-User", Roles = "X-Forwarded-Roles" }));
        (string, string)[] headers = [("X-Forwarded-User", "NW-1001"), ("X-Forwarded-Roles", "staff, hr")];

        var (_, ignored, _) = await ChatAsync(ignoring, GlobexKey, headers, ("user", TomsBalance));
        var (_, trusted, _) = await ChatAsync(trusting, GlobexKey, headers, ("user", TomsBalance));
        var (badStatus, badBody, _) = await ChatAsync(trusting, GlobexKey, [("X-Forwarded-User", new string('u', 500))], ("user", TomsBalance));

        Assert.DoesNotContain("3.5", ignored, StringComparison.Ordinal);
        Assert.Contains("3.5", trusted, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("X-Forwarded-User", badBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guessed_route_files_no_ticket()
    {
        // The premise is a guess: the router leans to it-ticket without the confidence to act on it.
        // (With character n-grams in the router, "vpn keeps disconnecting after a while, why?"
        // became a confident it-ticket route, so it no longer tested a guess; "vpn disconnects
        // sometimes" did the same, at 0.55, when hr-policy gained three examples in route17.)
        var response = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest("the wifi in the office drops sometimes") { Caller = new CallerIdentity("NW-1001") });

        Assert.Equal("it-ticket", response.Route.Agent);
        Assert.True(response.Route.Confidence < 0.5, $"the route must be a guess for this test, got {response.Route.Confidence}");
        Assert.DoesNotContain(response.ToolCalls, c => c.Name == "create_it_ticket" && c.Status is ToolCallStatus.Ok or ToolCallStatus.AwaitingConfirmation);
        Assert.DoesNotMatch("IT-[0-9]{6}", response.Answer);
    }

    [Fact]
    public async Task Open_a_ticket_for_me_asks_for_a_summary()
    {
        var response = await fixture.Runtime.Pipeline.AskAsync(new OrchestratorRequest("open a ticket for me", "it-ticket") { Caller = new CallerIdentity("NW-1001") });

        Assert.Contains("summary", response.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain(response.ToolCalls, c => c.Status is ToolCallStatus.Ok or ToolCallStatus.AwaitingConfirmation);
        Assert.DoesNotMatch("IT-[0-9]{6}", response.Answer);
    }

    [Fact]
    public async Task Over_http_a_ticket_is_proposed_then_filed_by_yes_as_a_follow_up_turn()
    {
        await using var server = await LoopbackServer.StartAsync(fixture.Runtime, Keys());
        const string ask = "Please open a ticket: the docking station in room Canal stopped detecting monitors";

        var (_, proposal, proposed) = await ChatAsync(server, AnnaKey, ("user", ask));
        var (_, filed, executed) = await ChatAsync(server, AnnaKey, ("user", ask), ("assistant", proposal), ("user", "yes"));
        var (_, stolen, _) = await ChatAsync(server, TomKey, ("user", ask), ("assistant", proposal), ("user", "yes"));

        Assert.Equal("awaiting_confirmation", (string?)Assert.Single(proposed)!["status"]);
        Assert.Contains("Reply \"yes\"", proposal, StringComparison.Ordinal);
        Assert.DoesNotMatch("IT-[0-9]{6}", proposal);
        var call = Assert.Single(executed)!;
        Assert.Equal("ok", (string?)call["status"]);
        Assert.Equal((string?)proposed[0]!["arguments"]!["summary"], (string?)call["arguments"]!["summary"]);
        Assert.Matches("IT-[0-9]{6}", filed);
        Assert.DoesNotMatch("IT-[0-9]{6}", stolen);
    }

    private static Task<(HttpStatusCode Status, string Answer, JsonArray Calls)> ChatAsync(LoopbackServer server, string? key, params (string Role, string Content)[] messages) =>
        ChatAsync(server, key, [], messages);

    private static async Task<(HttpStatusCode Status, string Answer, JsonArray Calls)> ChatAsync(
        LoopbackServer server, string? key, (string Name, string Value)[] headers, params (string Role, string Content)[] messages)
    {
        var body = new JsonObject
        {
            ["model"] = "orchestrator",
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
        };
        using var request = server.Post(body.ToJsonString(), key);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, text, []);
        }

        var json = JsonNode.Parse(text)!;
        return (response.StatusCode, (string)json["choices"]![0]!["message"]!["content"]!, json["orchestrator"]!["tool_calls"]!.AsArray());
    }
}
