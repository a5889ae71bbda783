using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Configuration;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// A request that asks for the cloud's answer (<c>"model": "cloud"</c>) still ran the local tool
/// agent first, and a side effect ran there: the "yes" to a ticket proposal filed the ticket, then
/// the cloud's answer (which knows nothing of it) replaced the local one, so the user was never told
/// (redteam34). A side effect now runs only when its answer is the one the user gets.
/// </summary>
public sealed class EscalatedSideEffectTests
{
    private const string Key = "sk-test-alice-acme-000000000001";
    private const string Ask = "Open a ticket: my laptop screen at desk 4B is flickering since Monday";

    [Fact]
    public async Task A_yes_sent_to_the_cloud_target_files_no_ticket_the_user_is_not_told_of()
    {
        await using var cloud = FakeOpenAiServer.Start();
        cloud.DefaultReply = FakeOpenAiReply.WithText("I cannot open tickets.");
        using var dir = new TempDirectory();
        await using var runtime = await EditedSample.StartAsync(dir.Path, (path, text) => path.EndsWith("orchestrator.yaml", StringComparison.Ordinal)
            ? text.Replace("  embedder: { provider: embedded-minilm }", $"  embedder: {{ provider: embedded-minilm }}\n  cloud: {{ provider: openai, endpoint: \"{cloud.Endpoint}\", model: fake-cloud, max_retries: 0, price: {{ input_per_mtok: 0, output_per_mtok: 1 }} }}", StringComparison.Ordinal)
                .Replace("  # target: cloud", "  target: cloud", StringComparison.Ordinal)
            : text);
        await using var server = await LoopbackServer.StartAsync(runtime, new ServerConfig
        {
            ApiKeys = [new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(Key)), Tenant = "acme", Name = "alice", User = "NW-1001" }],
        });

        var proposal = await ChatAsync(server, "orchestrator", ("user", Ask));
        var yes = await ChatAsync(server, "cloud", ("user", Ask), ("assistant", (string)proposal["choices"]![0]!["message"]!["content"]!), ("user", "yes"));

        var answer = (string)yes["choices"]![0]!["message"]!["content"]!;
        var ran = yes["orchestrator"]!["tool_calls"]!.AsArray().Where(c => (string?)c!["status"] == "ok").ToList();
        Assert.True(ran.Count == 0 || answer.Contains("Created ticket", StringComparison.Ordinal),
            $"a ticket was filed but the answer does not say so: {answer} / {yes["orchestrator"]!["tool_calls"]!.ToJsonString()}");
        Assert.Empty(ran);
    }

    private static async Task<JsonNode> ChatAsync(LoopbackServer server, string model, params (string Role, string Content)[] messages)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
        };
        using var request = server.Post(body.ToJsonString(), Key);
        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }
}
