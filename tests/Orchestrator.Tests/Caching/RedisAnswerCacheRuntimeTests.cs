using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;
using StackExchange.Redis;

namespace Orchestrator.Tests.Caching;

/// <summary>
/// Two runtimes (replicas) over one real Redis server and one store: what one answered, the other
/// serves from the cache; a re-ingest retires it for both; what the cache refuses stays out of Redis.
/// </summary>
public sealed class RedisAnswerCacheRuntimeTests
{
    private const string Parking = "Where can employees park their car?";

    [RedisFact]
    public async Task A_question_one_replica_answered_is_a_cache_hit_on_the_other()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var replicas = await Replicas.StartAsync(redis, "similarity: 0.9");

        var first = await replicas.A.Pipeline.AskAsync(new OrchestratorRequest(Parking));
        var again = await replicas.B.Pipeline.AskAsync(new OrchestratorRequest("  where can employees park their car "));
        var reworded = await replicas.B.Pipeline.AskAsync(new OrchestratorRequest("Where are employees allowed to park their car?"));

        Assert.Equal(CacheStores.Redis, replicas.A.Config.Cache.Store);
        Assert.False(first.Cache!.Hit);
        Assert.Equal(new CacheInfo { Hit = true, Match = "exact", Similarity = 1.0 }, again.Cache);
        Assert.Equal(first.Answer, again.Answer);
        Assert.Equal(first.Citations, again.Citations);
        Assert.True(reworded.Cache!.Hit, $"similarity too low for the rewording? {reworded.Cache}");
        Assert.Equal("similar", reworded.Cache.Match);
        Assert.Equal(first.Answer, reworded.Answer);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(again, OrchestratorJson.Options));
        Assert.True(json.RootElement.GetProperty("cache").GetProperty("hit").GetBoolean());
    }

    [RedisFact]
    public async Task A_re_ingest_on_one_replica_retires_the_shared_answer_for_the_other()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var replicas = await Replicas.StartAsync(redis, "revalidate_seconds: 0");
        await replicas.A.Pipeline.AskAsync(new OrchestratorRequest(Parking));
        Assert.True((await replicas.B.Pipeline.AskAsync(new OrchestratorRequest(Parking))).Cache!.Hit);

        File.WriteAllText(Path.Combine(replicas.Deployment.Root, "knowledge", "facilities", "parking.md"), """
            # Parking

            ## Garage
            Employees may park on level 3 of the garage on weekdays. Visitors park on level 1 and must register at reception.
            """);
        await new DocumentIngestor(replicas.A.Store, replicas.A.Embedder, replicas.Deployment.Root).IngestAsync("facilities", ["knowledge/facilities"]);
        var onB = await replicas.B.Pipeline.AskAsync(new OrchestratorRequest(Parking));
        var onA = await replicas.A.Pipeline.AskAsync(new OrchestratorRequest(Parking));

        Assert.False(onB.Cache!.Hit);
        Assert.Contains("level 3", onB.Answer, StringComparison.Ordinal);
        Assert.True(onA.Cache!.Hit); // B's fresh answer, shared
        Assert.Contains("level 3", onA.Answer, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task What_the_cache_refuses_never_reaches_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var replicas = await Replicas.StartAsync(redis, "");
        var pipeline = replicas.A.Pipeline;
        var cache = pipeline.AnswerCache!;

        await pipeline.AskAsync(new OrchestratorRequest(Parking) { History = [new ConversationTurn("user", "hi"), new ConversationTurn("assistant", "Hello.")] });
        await pipeline.AskAsync(new OrchestratorRequest(Parking) { EscalationRequested = true });
        await pipeline.AskAsync(new OrchestratorRequest("tell me a joke"));
        var facilities = replicas.A.Config.FindAgent("facilities")!;
        var answer = new OrchestratorResponse
        {
            Answer = "You have 12 days of leave left.",
            Route = new RouteInfo { Agent = "facilities", Confidence = 0.9, Candidates = [], OutOfScope = false },
            Guardian = new GuardianInfo { Passed = true, Checks = [] },
            Escalation = new EscalationInfo { Needed = false, Performed = false },
            Cost = new CostInfo(),
            TimingsMs = new TimingsInfo(),
        };
        var request = new OrchestratorRequest("How many leave days do I have?");
        await cache.StoreAsync(request, request.Text, new AgentDefinition { Name = "hr", Kind = AgentKind.Tool, Description = "Leave balances (personal)." }, answer, default);
        await cache.StoreAsync(request, request.Text, facilities, answer with { ToolCalls = [new ToolCallInfo("get_leave_balance", new Dictionary<string, object?>(), "12", true)] }, default);
        await cache.StoreAsync(request, request.Text, new AgentDefinition { Name = "writer", Kind = AgentKind.Generation, Description = "Writes.", Model = "local" }, answer, default);
        await cache.StoreAsync(request, request.Text, facilities, answer with { Guardian = new GuardianInfo { Passed = false, Checks = [] } }, default);
        await cache.StoreAsync(request, request.Text, facilities, answer with { Escalation = new EscalationInfo { Needed = true, Performed = true } }, default);

        Assert.Empty(await CacheKeysAsync(redis));

        await pipeline.AskAsync(new OrchestratorRequest(Parking));
        Assert.Equal(2, (await CacheKeysAsync(redis)).Count); // the answer and its scope's stream
    }

    [RedisFact]
    public async Task Redis_holds_no_question_text_in_clear_and_an_exact_hit_still_shows_the_askers_correction()
    {
        // privacy39: the stored response carried route.corrected_text (the question with its typos fixed), so a
        // question naming a person put the name and e-mail address into Redis in clear.
        const string question = "Where can employes park their car? (Ilse Vandermeer, ilse.vandermeer@quillmail.example)";
        await using var redis = await RedisServer.StartAsync();
        await using var replicas = await Replicas.StartAsync(redis, "similarity: 0.9");

        var first = await replicas.A.Pipeline.AskAsync(new OrchestratorRequest(question));
        var again = await replicas.B.Pipeline.AskAsync(new OrchestratorRequest(question));

        Assert.Contains("ilse.vandermeer@quillmail.example", first.Route.CorrectedText ?? "", StringComparison.Ordinal);
        using var raw = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = raw.GetDatabase();
        var keys = raw.GetServer(redis.ConnectionString).Keys(pattern: "*").ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var value = await db.KeyTypeAsync(key) == RedisType.Stream
                ? string.Join("|", (await db.StreamRangeAsync(key)).SelectMany(e => e.Values).Select(v => v.Value.ToString()))
                : (string?)await db.StringGetAsync(key) ?? "";
            Assert.DoesNotContain("quillmail", key.ToString() + value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Vandermeer", key.ToString() + value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("employes park", key.ToString() + value, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("exact", again.Cache!.Match);
        Assert.Equal(first.Route.CorrectedText, again.Route.CorrectedText);
        Assert.Equal(first.RetrievalQuery, again.RetrievalQuery);
    }

    private static async Task<List<RedisKey>> CacheKeysAsync(RedisServer redis)
    {
        using var raw = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        return [.. raw.GetServer(redis.ConnectionString).Keys(pattern: "orchestrator:cache:*")];
    }

    /// <summary>One deployment on disk, two runtimes over it configured with <c>state: redis</c> and the cache on (store chosen by default).</summary>
    private sealed class Replicas : IAsyncDisposable
    {
        private readonly string _variable;

        private Replicas(string variable, MiniDeployment deployment)
        {
            _variable = variable;
            Deployment = deployment;
        }

        public MiniDeployment Deployment { get; }

        public OrchestratorRuntime A { get; private set; } = null!;

        public OrchestratorRuntime B { get; private set; } = null!;

        public static async Task<Replicas> StartAsync(RedisServer redis, string cacheSettings)
        {
            var variable = OpenAiTestConfig.UniqueEnvName("REDIS");
            Environment.SetEnvironmentVariable(variable, redis.ConnectionString);
            var settings = cacheSettings.Length == 0 ? "enabled: true" : $"enabled: true, {cacheSettings}";
            var replicas = new Replicas(variable, new MiniDeployment($"cache: {{ {settings} }}\nstate: {{ provider: redis, connection_env: {variable} }}"));
            replicas.A = await TestRuntimes.StartAsync(replicas.Deployment.ConfigFile);
            replicas.B = await TestRuntimes.StartAsync(replicas.Deployment.ConfigFile);
            return replicas;
        }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            Deployment.Dispose();
            Environment.SetEnvironmentVariable(_variable, null);
        }
    }
}
