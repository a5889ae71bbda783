using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Models;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Tests.Support;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Fault-injection harness (<c>faults</c>): a primary and a secondary fake cloud on loopback fail 30%
/// of requests (500, 503, 429 with Retry-After, latency spike, connection reset, malformed JSON;
/// seeded), and every request must still end with a cloud answer or an honest degraded one. Then
/// 64 parallel escalations run against a budget that allows 10. Prints one JSON report.
/// Usage: <c>faults [--requests 1000] [--concurrency 16] [--seed 7]</c>.
/// </summary>
internal static class FaultsRun
{
    private const double UsdPerCall = 0.256;

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = Option(args, "--requests", 1000);
        var concurrency = Option(args, "--concurrency", 16);
        var seed = Option(args, "--seed", 7);
        var faults = await FaultsAsync(requests, concurrency, seed).ConfigureAwait(false);
        var budget = await BudgetAsync().ConfigureAwait(false);
        Console.WriteLine(JsonSerializer.Serialize(new { faults, budget }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        return faults.Lost == 0 && budget.SpentUsd <= budget.LimitUsd + 1e-9 ? 0 : 1;
    }

    private static async Task<FaultReport> FaultsAsync(int requests, int concurrency, int seed)
    {
        await using var primary = FakeOpenAiServer.Start();
        await using var secondary = FakeOpenAiServer.Start();
        var injected = new FaultInjector(seed);
        var clock = Stopwatch.StartNew();

        // On top of the 30% random faults, the primary has a hard outage (every reply 503) from
        // 4 s to 9 s into the run, so the circuit breaker must open, fail over fast, and close again.
        primary.Responder = _ => clock.Elapsed.TotalSeconds is >= 4 and < 9
            ? injected.Outage()
            : injected.Next("Primary cloud answer.");
        secondary.Responder = _ => injected.Next("Secondary cloud answer.");
        using var dir = new TempDirectory();
        await using var runtime = await StartAsync(dir, primary, secondary, budgetUsd: null).ConfigureAwait(false);

        var latencies = new double[requests];
        int cloud = 0, degraded = 0, lost = 0;
        var total = Stopwatch.StartNew();
        var startedAt = TimeProvider.System.GetUtcNow();
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest($"Where do employees park? (#{i})", "parking") { EscalationRequested = true }, ct).ConfigureAwait(false);
                if (string.IsNullOrWhiteSpace(response.Answer))
                {
                    Interlocked.Increment(ref lost);
                }
                else if (response.Escalation.Performed)
                {
                    Interlocked.Increment(ref cloud);
                }
                else
                {
                    Interlocked.Increment(ref degraded);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref lost);
                await Console.Error.WriteLineAsync($"lost request {i}: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            }

            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }).ConfigureAwait(false);

        Array.Sort(latencies);
        return new FaultReport(
            requests,
            concurrency,
            cloud,
            degraded,
            lost,
            Math.Round(total.Elapsed.TotalSeconds, 2),
            new Dictionary<string, double> { ["p50"] = Percentile(latencies, 0.50), ["p99"] = Percentile(latencies, 0.99) },
            new Dictionary<string, int> { ["cloud"] = primary.Requests.Count, ["cloud-b"] = secondary.Requests.Count },
            injected.Counts(),
            CircuitBreakerCounts(runtime.Models, startedAt));
    }

    private static async Task<BudgetReport> BudgetAsync()
    {
        await using var primary = FakeOpenAiServer.Start();
        await using var secondary = FakeOpenAiServer.Start();
        primary.DefaultReply = FakeOpenAiReply.WithText("Primary cloud answer.") with { CompletionTokens = 256 };
        secondary.DefaultReply = FakeOpenAiReply.WithText("Secondary cloud answer.") with { CompletionTokens = 256 };
        using var dir = new TempDirectory();
        var limit = UsdPerCall * 10;
        await using var runtime = await StartAsync(dir, primary, secondary, limit).ConfigureAwait(false);
        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            runtime.Pipeline.AskAsync(new OrchestratorRequest($"Where do employees park? (#{i})", "parking") { EscalationRequested = true })))).ConfigureAwait(false);
        var usage = await runtime.Pipeline.Cloud!.Budget!.UsageAsync(null).ConfigureAwait(false);
        return new BudgetReport(
            64,
            Math.Round(limit, 6),
            Math.Round(usage.GlobalUsd, 6),
            primary.Requests.Count + secondary.Requests.Count,
            responses.Count(r => r.Escalation.Performed),
            responses.Count(r => r.Escalation.DegradedReason == "budget"));
    }

    /// <summary>
    /// HOOK (s7-resilience): the resilience layer exposes circuit-breaker opened/closed counts through
    /// ModelRegistry once that branch is merged. Until then this reports null for both.
    /// </summary>
    /// <summary>What each cloud model's circuit breaker did, with transition times in seconds from the run's start.</summary>
    private static Dictionary<string, BreakerReport> CircuitBreakerCounts(ModelRegistry models, DateTimeOffset started) =>
        new[] { "cloud", "cloud-b" }.ToDictionary(
            name => name,
            name =>
            {
                var snapshot = models.Resilience.Snapshot(name);
                return new BreakerReport(
                    snapshot.BreakerOpened,
                    snapshot.BreakerHalfOpened,
                    snapshot.BreakerClosed,
                    [.. snapshot.OpenedAt.Select(t => Math.Round((t - started).TotalSeconds, 2))],
                    [.. snapshot.ClosedAt.Select(t => Math.Round((t - started).TotalSeconds, 2))],
                    snapshot.Retries,
                    snapshot.Timeouts,
                    snapshot.Rejections);
            });

    private static async Task<OrchestratorRuntime> StartAsync(TempDirectory dir, FakeOpenAiServer primary, FakeOpenAiServer secondary, double? budgetUsd)
    {
        dir.Write("agents/parking.yaml", """
            name: parking
            kind: retrieval
            description: Parking rules for staff and visitors.
            examples: [ "Where can I park?", "visitor parking", "garage level for staff" ]
            knowledge: facilities
            guardian: [ groundedness, pii ]
            """);
        dir.Write("agents/canteen.yaml", """
            name: canteen
            kind: retrieval
            description: Canteen opening hours and menus.
            examples: [ "When does the canteen open?", "what is for lunch", "is there a vegan menu" ]
            knowledge: facilities
            """);
        dir.Write("prompts/note.md", "{{$question}}");
        dir.Write("knowledge/parking.md", "# Parking\n\nEmployees park on level 2 of the garage on weekdays.\n\n# Canteen\n\nThe canteen opens at 11:30.\n");
        const string price = "price: { input_per_mtok: 0, output_per_mtok: 1000 }";

        // Production-like settings: two quick retries, a breaker that opens on a burst of failures.
        const string resilience = "resilience: { total_timeout_seconds: 8, attempt_timeout_seconds: 2, max_retries: 2, base_delay_ms: 100, max_delay_seconds: 2, "
            + "circuit_breaker: { failure_ratio: 0.5, minimum_throughput: 10, sampling_seconds: 5, break_seconds: 2 } }";
        var budget = budgetUsd is { } usd ? $"  budget: {{ usd_per_day: {usd.ToString(CultureInfo.InvariantCulture)} }}" : "";
        var config = dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              cloud: { provider: openai, endpoint: "{{primary.Endpoint}}", model: fake-cloud, max_output_tokens: 256, {{price}}, {{resilience}} }
              cloud-b: { provider: openai, endpoint: "{{secondary.Endpoint}}", model: fake-cloud-b, max_output_tokens: 256, {{price}}, {{resilience}} }
            escalation:
              target: cloud
              fallbacks: [ cloud-b ]
              timeout_seconds: 10
            {{budget}}
            collections:
              facilities: { paths: [ knowledge ] }
            agents: agents/
            prompts: prompts/
            """);
        var loaded = ConfigLoader.Load(config, BuiltInTools.ValidationContext());
        if (loaded.Errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("\n", loaded.Errors));
        }

        return await OrchestratorRuntime.StartAsync(loaded.Config!, new RuntimeOptions { Tools = BuiltInTools.For(loaded.Config!) }).ConfigureAwait(false);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private sealed record FaultReport(
        int Requests,
        int Concurrency,
        int CloudAnswers,
        int DegradedAnswers,
        int Lost,
        double WallSeconds,
        Dictionary<string, double> LatencyMs,
        Dictionary<string, int> ProviderRequests,
        Dictionary<string, int> InjectedFaults,
        Dictionary<string, BreakerReport> CircuitBreaker);

    private sealed record BreakerReport(int Opened, int HalfOpened, int Closed, double[] OpenedAtSeconds, double[] ClosedAtSeconds, int Retries, int AttemptTimeouts, int Rejections);

    private sealed record BudgetReport(int Requests, double LimitUsd, double SpentUsd, int CloudCalls, int CloudAnswers, int RefusedForBudget);
}
