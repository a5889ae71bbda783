using System.Text.Json;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Tests.EndToEnd;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Caching;

/// <summary>The answer cache through the real runtime: what hits, what never does, and what retires entries.</summary>
public sealed class AnswerCacheTests
{
    private const string Parking = "Where can employees park their car?";

    [Fact]
    public async Task A_repeated_question_is_an_exact_hit_a_rewording_a_similar_hit_and_both_say_so()
    {
        using var deployment = new MiniDeployment("cache: { enabled: true, similarity: 0.9 }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.ConfigFile);

        var first = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking));
        var again = await runtime.Pipeline.AskAsync(new OrchestratorRequest("  where can employees park their car "));
        var reworded = await runtime.Pipeline.AskAsync(new OrchestratorRequest("Where are employees allowed to park their car?"));

        Assert.Equal("facilities", first.Route.Agent);
        Assert.False(first.Cache!.Hit);
        Assert.Equal(new CacheInfo { Hit = true, Match = "exact", Similarity = 1.0 }, again.Cache);
        Assert.Equal(first.Answer, again.Answer);
        Assert.Equal(first.Citations, again.Citations);
        Assert.True(reworded.Cache!.Hit, $"similarity too low for the rewording? {reworded.Cache}");
        Assert.Equal("similar", reworded.Cache.Match);
        Assert.InRange(reworded.Cache.Similarity!.Value, 0.9, 1.0);
        Assert.Equal(first.Answer, reworded.Answer);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(again, OrchestratorJson.Options));
        Assert.True(json.RootElement.GetProperty("cache").GetProperty("hit").GetBoolean());
        Assert.Equal(1.0, json.RootElement.GetProperty("cache").GetProperty("similarity").GetDouble());
    }

    [Fact]
    public async Task Other_tenants_follow_ups_and_requested_escalations_never_hit()
    {
        using var deployment = new MiniDeployment("cache: { enabled: true }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.ConfigFile);
        await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking) { Tenant = "acme" });

        var otherTenant = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking) { Tenant = "globex" });
        var followUp = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking)
        {
            Tenant = "acme",
            History = [new ConversationTurn("user", "who handles payroll?"), new ConversationTurn("assistant", "Maria.")],
        });
        var escalated = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking) { Tenant = "acme", EscalationRequested = true });
        var sameTenant = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking) { Tenant = "acme" });

        Assert.False(otherTenant.Cache!.Hit);
        Assert.False(followUp.Cache!.Hit);
        Assert.False(escalated.Cache?.Hit ?? false);
        Assert.True(sameTenant.Cache!.Hit);
    }

    [Fact]
    public async Task A_tenant_named_only_by_the_caller_scopes_the_cache_like_the_request_tenant()
    {
        // The README's library example names the tenant on the CallerIdentity alone (walk32): it must
        // scope the cache (and the budget) as OrchestratorRequest.Tenant does for the HTTP API.
        using var deployment = new MiniDeployment("cache: { enabled: true }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.ConfigFile);
        await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking) { Caller = new CallerIdentity("u1", "acme") });

        var otherTenant = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking) { Caller = new CallerIdentity("u2", "globex") });
        var noTenant = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking));
        var sameTenant = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking) { Caller = new CallerIdentity("u3", "acme") });
        var sameTenantOnTheRequest = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking) { Tenant = "acme" });

        Assert.False(otherTenant.Cache!.Hit);
        Assert.False(noTenant.Cache!.Hit);
        Assert.True(sameTenant.Cache!.Hit);
        Assert.True(sameTenantOnTheRequest.Cache!.Hit);
    }

    [Fact]
    public async Task Re_ingesting_the_collection_retires_its_cached_answers()
    {
        using var deployment = new MiniDeployment("cache: { enabled: true, revalidate_seconds: 0 }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.ConfigFile);
        await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking));
        Assert.True((await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking))).Cache!.Hit);

        File.WriteAllText(Path.Combine(deployment.Root, "knowledge", "facilities", "parking.md"), """
            # Parking

            ## Garage
            Employees may park on level 3 of the garage on weekdays. Visitors park on level 1 and must register at reception.
            """);
        await new DocumentIngestor(runtime.Store, runtime.Embedder, deployment.Root).IngestAsync("facilities", ["knowledge/facilities"]);
        var after = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking));

        Assert.False(after.Cache!.Hit);
        Assert.Contains("level 3", after.Answer, StringComparison.Ordinal);

        // The new answer is cached in turn (the memory store used to keep the retired entry's key forever).
        var again = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking));
        Assert.True(again.Cache!.Hit);
        Assert.Contains("level 3", again.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_deleted_and_pruned_is_no_longer_answered_from_the_cache()
    {
        // Default revalidate_seconds (5): the runtime's ingest must retire the entries itself, at once.
        using var deployment = new MiniDeployment("cache: { enabled: true }", ("knowledge/facilities/lockers.md", "# Lockers\n\nLockers by the canteen are free for staff and must be emptied every Friday.\n"));
        await using var runtime = await TestRuntimes.StartAsync(deployment.ConfigFile);
        Assert.Contains("level 2", (await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking))).Answer, StringComparison.Ordinal);
        Assert.True((await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking))).Cache!.Hit);

        File.Delete(Path.Combine(deployment.Root, "knowledge", "facilities", "parking.md"));
        var report = await runtime.IngestAsync("facilities", [Path.Combine(deployment.Root, "knowledge", "facilities")], progress: null);
        var after = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking));

        Assert.Equal(["knowledge/facilities/parking.md"], report.FilesRemoved);
        Assert.False(after.Cache?.Hit ?? false);
        Assert.DoesNotContain("level 2", after.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain(after.Citations, c => c.Source.Contains("parking", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_streamed_repeat_is_served_from_the_cache_in_one_delta()
    {
        using var deployment = new MiniDeployment("cache: { enabled: true }");
        await using var runtime = await TestRuntimes.StartAsync(deployment.ConfigFile);
        var first = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking));

        var events = new List<PipelineStreamEvent>();
        await foreach (var e in runtime.Pipeline.StreamAsync(new OrchestratorRequest(Parking)))
        {
            events.Add(e);
        }

        var completed = Assert.IsType<StreamCompleted>(events[^1]);
        Assert.True(completed.Response.Cache!.Hit);
        Assert.Equal(first.Answer, Assert.Single(events.OfType<AnswerDelta>()).Text);
    }

    [Fact]
    public async Task With_the_cache_off_responses_carry_no_cache_field()
    {
        using var deployment = new MiniDeployment();
        await using var runtime = await TestRuntimes.StartAsync(deployment.ConfigFile);
        var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking));
        var again = await runtime.Pipeline.AskAsync(new OrchestratorRequest(Parking));

        Assert.Null(again.Cache);
        Assert.DoesNotContain("\"cache\"", JsonSerializer.Serialize(response, OrchestratorJson.Options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cache: { enabled: yes }", "'enabled' is 'yes'; expected true or false")]
    [InlineData("cache: { similarity: -1 }", "'similarity' is -1; expected a number >= 0")]
    [InlineData("cache: { max_entries: 0 }", "'max_entries' is 0; expected a whole number from 1")]
    [InlineData("cache: { ttl: 5 }", "ttl")]
    [InlineData("cache: [ 1, 2 ]", "cache")]
    public void Bad_cache_settings_are_reported_with_file_and_line(string section, string expected)
    {
        using var deployment = new MiniDeployment(section);
        var loaded = Orchestrator.Configuration.ConfigLoader.Load(deployment.ConfigFile, Orchestrator.Cli.SampleTools.BuiltInTools.ValidationContext());
        var error = Assert.Single(loaded.Errors);
        Assert.Contains("orchestrator.yaml:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }
}
