using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Configuration;
using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Serve;

/// <summary>
/// A near-duplicate cache hit answers another user of the same tenant: the answer is shared, the
/// first asker's words are not (redteam34). The stored response's route (with its spelling
/// correction), retrieval query and input checks were made from the first asker's question.
/// </summary>
public sealed class CachedAnswerPrivacyTests
{
    private const string AliceKey = "sk-test-alice-acme-000000000001";
    private const string BobKey = "sk-test-bob-acme-0000000000002";

    private const string BobsQuestion = "Where can employees park their car?";

    [Theory]
    [InlineData("Where can employes park their car? (NW-1004)")]
    [InlineData("Where can employees park thier car? NW-1004")]
    public async Task A_similar_hit_for_another_user_carries_none_of_the_first_askers_words(string alicesQuestion)
    {
        using var deployment = new MiniDeployment("cache: { enabled: true, similarity: 0.8 }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.ConfigFile);
        await using var server = await LoopbackServer.StartAsync(runtime, new ServerConfig
        {
            ApiKeys =
            [
                new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(AliceKey)), Tenant = "acme", Name = "alice", User = "NW-1004" },
                new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(BobKey)), Tenant = "acme", Name = "bob", User = "NW-1002" },
            ],
        });

        var alices = await AskAsync(server, AliceKey, alicesQuestion);
        var bobs = await AskAsync(server, BobKey, BobsQuestion);

        // The typo makes the router correct Alice's question, so her words, employee id included, are in
        // her own reply's route.corrected_text and retrieval_query, and in the response the cache stores.
        Assert.Contains("NW-1004", alices["route"]!["corrected_text"]?.ToString() ?? "", StringComparison.Ordinal);
        Assert.True((bool)bobs["cache"]!["hit"]!, $"no cache hit, so nothing was tested: {bobs["cache"]}");
        Assert.Equal("similar", (string?)bobs["cache"]!["match"]);
        var metadata = bobs.ToJsonString();
        Assert.DoesNotContain("NW-1004", metadata, StringComparison.Ordinal);
        Assert.Null(bobs["route"]!["corrected_text"]);
        Assert.Null(bobs["retrieval_query"]);
    }

    private static async Task<JsonNode> AskAsync(LoopbackServer server, string key, string question)
    {
        var body = new JsonObject
        {
            ["model"] = "orchestrator",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
        };
        using var request = server.Post(body.ToJsonString(), key);
        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["orchestrator"]!;
    }
}
