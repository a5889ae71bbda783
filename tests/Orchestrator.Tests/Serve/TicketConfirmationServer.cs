using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Configuration;

namespace Orchestrator.Tests.Serve;

/// <summary>What the confirmation tests across replicas and restarts share: one caller's key and a chat turn over HTTP.</summary>
internal static class TicketConfirmationServer
{
    public const string Key = "sk-test-alice-acme-000000000001";
    public const string Ask = "Open a ticket: my laptop screen at desk 4B is flickering since Monday";

    public static ServerConfig Keys() => new()
    {
        ApiKeys = [new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(Key)), Tenant = "acme", Name = "alice", User = "NW-1001" }],
    };

    /// <summary>The assistant's reply to <paramref name="messages"/>, asserting a 200.</summary>
    public static async Task<string> ChatAsync(LoopbackServer server, params (string Role, string Content)[] messages)
    {
        var body = new JsonObject
        {
            ["model"] = "orchestrator",
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
        };
        using var request = server.Post(body.ToJsonString(), Key);
        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return (string)JsonNode.Parse(text)!["choices"]![0]!["message"]!["content"]!;
    }
}
