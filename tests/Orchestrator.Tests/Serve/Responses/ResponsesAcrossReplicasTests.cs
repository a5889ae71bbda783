using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Configuration;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Serve.TicketConfirmationServer;

namespace Orchestrator.Tests.Serve.Responses;

/// <summary>
/// Two servers behind one load balancer with <c>state.provider: redis</c> (the README's replica set-up): a Responses
/// turn answered by A is continued through B with <c>previous_response_id</c>. Each server has its own container, so
/// with conversations in process memory B answered "not known here"; now they are on the shared Redis server.
/// </summary>
public sealed class ResponsesAcrossReplicasTests
{
    private const string BobKey = "sk-test-bob-acme-000000000002";

    [RedisFact]
    public async Task A_turn_answered_by_one_replica_is_continued_on_another_and_a_down_server_is_a_503()
    {
        await using var redis = await RedisServer.StartAsync();
        var redisVariable = "ORCH_TEST_RESPONSES_REDIS_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(redisVariable, redis.ConnectionString);
        using var dir = new TempDirectory();
        try
        {
            await using var runtime = await EditedSample.StartAsync(dir.Path, (path, text) => path.EndsWith("orchestrator.yaml", StringComparison.Ordinal)
                ? text + $"\nstate: {{ provider: redis, connection_env: {redisVariable} }}\n"
                : text);
            var bob = new ApiKeyConfig { Sha256 = Convert.FromHexString(ApiKeyConfig.HashHex(BobKey)), Tenant = "acme", Name = "bob", User = "NW-1002" };
            var settings = new ServerConfig { ApiKeys = [.. Keys().ApiKeys, bob], StoredResponses = new StoredResponsesConfig() };
            await using var a = await LoopbackServer.StartAsync(runtime, settings);
            await using var b = await LoopbackServer.StartAsync(runtime, settings);

            var (status, first) = await RespondAsync(a, "How many vacation days do I get?", previous: null, Key);
            Assert.Equal(HttpStatusCode.OK, status);
            var id = first.GetProperty("id").GetString()!;

            var (continuedStatus, continued) = await RespondAsync(b, "and for part-timers?", id, Key);
            Assert.Equal(HttpStatusCode.OK, continuedStatus);
            // The fragment was searched as the question it continues, which only the turn kept by A could supply.
            Assert.Contains("vacation", continued.GetProperty("orchestrator").GetProperty("retrieval_query").GetString(), StringComparison.OrdinalIgnoreCase);

            // Another caller of the same tenant, on either replica, is told it is unknown.
            foreach (var server in new[] { a, b })
            {
                var (otherStatus, other) = await RespondAsync(server, "and for part-timers?", id, BobKey);
                Assert.Equal(HttpStatusCode.BadRequest, otherStatus);
                Assert.Equal("previous_response_not_found", other.GetProperty("error").GetProperty("code").GetString());
            }

            await redis.StopAsync();
            var (downStatus, down) = await RespondAsync(b, "and for part-timers?", id, Key);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, downStatus);
            var message = down.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Contains("unreachable", message, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(redisVariable, null);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> RespondAsync(LoopbackServer server, string input, string? previous, string key)
    {
        var body = new JsonObject { ["model"] = "orchestrator", ["input"] = input };
        if (previous is not null)
        {
            body["previous_response_id"] = previous;
        }

        using var request = server.Post(body.ToJsonString(), key, "/v1/responses");
        using var response = await server.Client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }
}
