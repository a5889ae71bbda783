using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Models;
using Orchestrator.Pipeline;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>load [--url URL [--server-pid PID]] [--key KEY] [--config FILE] [--concurrency 1,16,64] [--cache-concurrency 16] [--cache-redis] [--requests N] [--soak N] [--soak-every 1000] [--count-embeddings] [--warmup N] [--spans] [--allocations] [--jit-methods] [--until-steady [SECONDS]]</c>: closed-loop
/// load on POST /v1/chat/completions. Without --url it starts the real service in-process on a
/// loopback port over the sample configuration. Prints one JSON report: requests per second, latency
/// percentiles per concurrency, and the server-side stage timings from each reply's timings_ms.
/// <c>--cache-redis</c> repeats the cache levels with the answer cache on a throwaway redis-server
/// (skipped, saying so, when none is installed) and reports the hit latency ratio Redis / memory.
/// <c>--server-pid</c> (with <c>--url</c>) adds the server process's own CPU per request to each level (<see cref="ServerProcessCpu"/>).
/// <c>--jit-methods</c> adds what the JIT compiled during each level, by namespace (<see cref="JitMethodTotals"/>).
/// <c>--until-steady</c> goes on warming up after <c>--warmup</c> until the JIT has settled (see <see cref="SteadyWarmup"/>).
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        // Batched sentences/s of the embedder the service runs (fp32 or int8, from the configuration), on
        // this machine, now: the yardstick for every level.
        var embedder = EmbedderThroughput.Measure(ServedQuantization(options.Config));
        await Console.Error.WriteLineAsync(JsonSerializer.Serialize(embedder)).ConfigureAwait(false);
        await using var host = options.Url is null ? await InProcessHost.StartAsync(options.Config) : null;
        var baseUrl = options.Url ?? host!.BaseUrl;
        var memoryAfterStart = MemorySnapshot.Take();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        if (options.Key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);
        }

        var questions = LoadQuestions(options.Questions);
        await RunLevelAsync(client, questions, options.Warmup <= 20 ? 1 : 16, options.Warmup).ConfigureAwait(false); // warm-up: JIT (tiered), caches, connections
        var warmup = options.SteadySeconds > 0 ? await SteadyWarmup.RunAsync(concurrency => RunLevelAsync(client, questions, concurrency, SteadyWarmup.RoundRequests), options.SteadySeconds).ConfigureAwait(false) : null;
        using var callers = new EmbeddingCallers(attribute: options.CountEmbeddings);
        callers.TakePerRequest(1); // forget the warm-up's texts
        using var spans = options.Spans ? new SpanTotals() : null;
        using var allocations = options.Allocations ? new AllocationTotals() : null;
        allocations?.TakePerRequest(1); // forget the warm-up's
        using var jitMethods = options.JitMethods ? new JitMethodTotals() : null;
        var levels = new List<object>();
        foreach (var concurrency in options.Concurrency)
        {
            var requests = Math.Max(options.Requests, concurrency * 4);
            var level = await RunLevelAsync(client, questions, concurrency, requests, options.ServerPid).ConfigureAwait(false);
            var summary = level.Report(concurrency, cache: false, embedder);
            summary["embedded_texts_per_request"] = callers.TakePerRequest(requests);
            if (spans is not null)
            {
                summary["span_mean_ms"] = spans.TakePerRequest(requests);
            }

            if (allocations is not null)
            {
                summary["allocations"] = allocations.TakePerRequest(requests);
            }

            if (jitMethods is not null)
            {
                summary["jit_methods"] = jitMethods.Take();
            }

            levels.Add(summary);
            await Console.Error.WriteLineAsync(JsonSerializer.Serialize(summary)).ConfigureAwait(false);
        }

        long? soakRssBefore = null, soakRssAfter = null;
        List<object> soakMemory = [];
        if (options.Soak > 0)
        {
            // In steps of --soak-every requests, with the memory after each, so a trend shows (flat, growing, or falling after a full collection).
            soakRssBefore = RssBytes();
            soakMemory.Add(new { requests = 0, memory = MemorySnapshot.Take().ToReport() });
            for (var done = 0; done < options.Soak; done += options.SoakEvery)
            {
                var step = Math.Min(options.SoakEvery, options.Soak - done);
                var soak = await RunLevelAsync(client, questions, 16, step).ConfigureAwait(false);
                var point = new { requests = done + step, requests_per_second = Math.Round(step / soak.WallSeconds, 1), memory = MemorySnapshot.Take().ToReport() };
                soakMemory.Add(point);
                await Console.Error.WriteLineAsync(JsonSerializer.Serialize(point)).ConfigureAwait(false);
            }

            soakRssAfter = RssBytes();
        }

        List<Dictionary<string, object>> memoryCacheLevels = [];
        if (options.Url is null && options.CacheConcurrency.Count > 0)
        {
            // The same service with `cache: { enabled: true }`; every question is asked once first, so the level measures hits.
            await using var cached = await InProcessHost.StartAsync(options.Config, enableCache: true);
            memoryCacheLevels = await CacheLevelsAsync(cached.BaseUrl, questions, options, embedder, CacheStores.Memory).ConfigureAwait(false);
            levels.AddRange(memoryCacheLevels);
        }

        Dictionary<string, object>? redisCache = null;
        if (options.Url is null && options.CacheConcurrency.Count > 0 && options.CacheRedis)
        {
            // The same cache levels with the answer cache on Redis (state: redis picks it), in the same process and minutes.
            await using var redis = await BenchmarkRedis.TryStartAsync().ConfigureAwait(false);
            if (redis is null)
            {
                redisCache = new() { ["skipped"] = "redis-server is not installed (apt-get install redis-server)" };
            }
            else
            {
                await using var shared = await InProcessHost.StartAsync(options.Config, enableCache: true, extraYaml: BenchmarkRedis.StateYaml);
                var redisLevels = await CacheLevelsAsync(shared.BaseUrl, questions, options, embedder, CacheStores.Redis).ConfigureAwait(false);
                levels.AddRange(redisLevels);
                redisCache = HitLatencyRatios(memoryCacheLevels, redisLevels);
            }
        }

        var report = new Dictionary<string, object?>
        {
            ["target"] = options.Url is null ? "in-process server on loopback (Kestrel), sample configuration, embedded default (no generative model)" : baseUrl,
            ["machine"] = $"{Environment.ProcessorCount} logical cores, {RuntimeInformationText()}, load average {LoadAverage()}",
            // With --url these are the load process's settings, not the server's.
            ["jit_settings"] = RuntimeSettings.Report(),
            ["embedder_sentences_per_second"] = embedder.SentencesPerSecond,
            ["embedder_quantization"] = embedder.Quantization == MiniLmQuantization.Int8 ? "int8" : "none",
            ["embedder_single_sentence_p50_ms"] = embedder.SingleP50Ms,
            ["embedder_cpu_ms_per_sentence"] = embedder.CpuMsPerSentence,
            ["levels"] = levels,
            ["steady_warmup"] = warmup?.ToReport(),
            ["rss_mb_end"] = Math.Round(RssBytes() / 1048576.0),
            ["cache_redis_vs_memory"] = redisCache,
            ["soak_rss_mb"] = soakRssBefore is null ? null : new { before = Math.Round(soakRssBefore.Value / 1048576.0), after = Math.Round(soakRssAfter!.Value / 1048576.0) },
            ["soak_memory"] = soakMemory.Count == 0 ? null : soakMemory,
            ["memory_after_start"] = memoryAfterStart.ToReport(),
            ["memory_end"] = MemorySnapshot.Take().ToReport(),
            ["server_gc"] = System.Runtime.GCSettings.IsServerGC,
            ["gc_latency_mode"] = System.Runtime.GCSettings.LatencyMode.ToString(),
        };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>Asks every question once (so the levels measure hits), then runs each cache level; each summary names its store.</summary>
    private static async Task<List<Dictionary<string, object>>> CacheLevelsAsync(string baseUrl, IReadOnlyList<string> questions, Options options, EmbedderThroughput.Result embedder, string store)
    {
        using var cacheClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        await RunLevelAsync(cacheClient, questions, 1, questions.Count).ConfigureAwait(false);

        // The questions the cache answers (tool, generation and out-of-scope ones never are): a level
        // over only these measures hits alone, the "req/s on cache hits" target.
        var cached = await CachedQuestionsAsync(cacheClient, questions).ConfigureAwait(false);
        var levels = new List<Dictionary<string, object>>();
        foreach (var concurrency in options.CacheConcurrency)
        {
            var requests = Math.Max(options.Requests * 4, concurrency * 4);
            var level = await RunLevelAsync(cacheClient, questions, concurrency, requests).ConfigureAwait(false);
            var summary = level.Report(concurrency, cache: true, embedder);
            summary["cache_store"] = store;
            levels.Add(summary);
            await Console.Error.WriteLineAsync(JsonSerializer.Serialize(summary)).ConfigureAwait(false);
            if (cached.Count > 0)
            {
                var hitsLevel = await RunLevelAsync(cacheClient, cached, concurrency, requests).ConfigureAwait(false);
                var hitsSummary = hitsLevel.Report(concurrency, cache: true, embedder);
                hitsSummary["cache_store"] = store;
                hitsSummary["questions"] = $"only the {cached.Count} questions the cache answers";
                await Console.Error.WriteLineAsync(JsonSerializer.Serialize(hitsSummary)).ConfigureAwait(false);
                levels.Add(hitsSummary);
            }
        }

        return levels;
    }

    private static async Task<List<string>> CachedQuestionsAsync(HttpClient client, IReadOnlyList<string> questions)
    {
        var cached = new List<string>();
        foreach (var question in questions.Distinct(StringComparer.Ordinal))
        {
            var probe = new LevelResult();
            await OneAsync(client, question, probe).ConfigureAwait(false);
            if (probe.Hits == 1)
            {
                cached.Add(question);
            }
        }

        return cached;
    }

    /// <summary>Per cache concurrency, over the cache hits only: Redis p50 over memory p50, client-observed and server-side (the pipeline's own total).</summary>
    private static Dictionary<string, object> HitLatencyRatios(List<Dictionary<string, object>> memory, List<Dictionary<string, object>> redis)
    {
        // The summaries hold anonymous objects (they are only serialized); read the hit percentiles back by name.
        static object Field(object value, string name) => value.GetType().GetProperty(name)!.GetValue(value)!;
        static double P50(Dictionary<string, object> level, string field) => (double)Field(Field(level["hits_only"], field), "p50");
        return memory.Zip(redis).ToDictionary(
            pair => $"concurrency_{pair.First["concurrency"]}{(pair.First.ContainsKey("questions") ? "_cached_questions_only" : "")}",
            pair => (object)new
            {
                latency_p50_ms = new { memory = P50(pair.First, "latency_ms"), redis = P50(pair.Second, "latency_ms") },
                server_total_p50_ms = new { memory = P50(pair.First, "server_total_ms"), redis = P50(pair.Second, "server_total_ms") },
                latency_p50_ratio = Math.Round(P50(pair.Second, "latency_ms") / Math.Max(0.01, P50(pair.First, "latency_ms")), 2),
                // Timings have 0.1 ms resolution: a memory hit often rounds to 0, and then no ratio is meaningful.
                server_total_p50_ratio = P50(pair.First, "server_total_ms") < 0.05 ? (double?)null : Math.Round(P50(pair.Second, "server_total_ms") / P50(pair.First, "server_total_ms"), 2),
                hits = new { memory = pair.First["cache_hits"], redis = pair.Second["cache_hits"] },
            });
    }

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static long RssBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static async Task<LevelResult> RunLevelAsync(HttpClient client, IReadOnlyList<string> questions, int concurrency, int requests, int? serverPid = null)
    {
        var result = new LevelResult();
        var next = -1;
        var gc = GcSnapshot.Take();
        var jit = JitSnapshot.Take();
        var wall = Stopwatch.StartNew();
        var cpu = CpuTime();
        var serverCpu = serverPid is { } pid ? ServerProcessCpu.Read(pid) : null;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                await OneAsync(client, questions[i % questions.Count], result).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        result.WallSeconds = wall.Elapsed.TotalSeconds;
        result.CpuSeconds = (CpuTime() - cpu).TotalSeconds;
        result.ServerCpuSeconds = serverPid is { } id && serverCpu is { } before && ServerProcessCpu.Read(id) is { } after ? (after - before).TotalSeconds : null;
        result.Gc = GcSnapshot.Take() - gc;
        result.Jit = JitSnapshot.Take() - jit;
        return result;
    }

    private static async Task OneAsync(HttpClient client, string question, LevelResult result)
    {
        var body = JsonSerializer.Serialize(new { model = "orchestrator", messages = new[] { new { role = "user", content = question } } });
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            result.AddError();
            return;
        }

        using var doc = JsonDocument.Parse(text);
        var orchestrator = doc.RootElement.GetProperty("orchestrator");
        var hit = orchestrator.TryGetProperty("cache", out var cache) && cache.GetProperty("hit").GetBoolean();
        result.Add(ms, orchestrator.GetProperty("timings_ms"), hit);
    }

    private static List<string> LoadQuestions(string path) =>
        [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)];

    private sealed class LevelResult
    {
        private readonly Lock _gate = new();
        private readonly List<double> _latencies = [];
        private readonly List<double> _serverTotals = [];
        private readonly List<double> _hitLatencies = [];
        private readonly List<double> _hitServerTotals = [];
        private int _hits;
        private readonly Dictionary<string, double> _stageSums = new(StringComparer.Ordinal);
        private int _errors;

        public double WallSeconds { get; set; }

        /// <summary>Process CPU time over the level (client and server share the process; the client's part is small).</summary>
        public double CpuSeconds { get; set; }

        /// <summary>The server process's CPU time over the level (<c>--server-pid</c>); null in-process.</summary>
        public double? ServerCpuSeconds { get; set; }

        public int Hits => _hits;

        /// <summary>Garbage collections, pause time and allocation over the level (client and server share the process).</summary>
        public GcSnapshot Gc { get; set; }

        public JitSnapshot Jit { get; set; }

        public void AddError() => Interlocked.Increment(ref _errors);

        public void Add(double latencyMs, JsonElement timings, bool cacheHit)
        {
            lock (_gate)
            {
                _latencies.Add(latencyMs);
                _serverTotals.Add(timings.GetProperty("total").GetDouble());
                _hits += cacheHit ? 1 : 0;
                if (cacheHit)
                {
                    _hitLatencies.Add(latencyMs);
                    _hitServerTotals.Add(timings.GetProperty("total").GetDouble());
                }
                foreach (var stage in timings.EnumerateObject())
                {
                    _stageSums[stage.Name] = _stageSums.GetValueOrDefault(stage.Name) + stage.Value.GetDouble();
                }
            }
        }

        public Dictionary<string, object> Report(int concurrency, bool cache, EmbedderThroughput.Result embedder)
        {
            var embedderSentencesPerSecond = embedder.SentencesPerSecond;
            var sorted = _latencies.Order().ToList();
            var n = Math.Max(1, sorted.Count);
            var meanStages = _stageSums.ToDictionary(s => s.Key, s => Math.Round(s.Value / n, 2));
            var meanLatency = sorted.Count == 0 ? 0 : sorted.Average();
            var rps = sorted.Count / WallSeconds;
            var report = new Dictionary<string, object>
            {
                ["concurrency"] = concurrency,
                ["cache"] = cache,
                ["requests"] = sorted.Count,
                ["errors"] = _errors,
                ["cache_hits"] = _hits,
                ["requests_per_second"] = Math.Round(rps, 1),
                ["ratio_to_embedder"] = Math.Round(rps / embedderSentencesPerSecond, 3),
                // CPU, unlike wall time, hardly moves with other work on the machine: the ratio a quiet
                // machine would show if the service kept every core as busy as the batched embedder does.
                ["cpu_ms_per_request"] = Math.Round(1000 * CpuSeconds / n, 2),
                ["cpu_ratio_to_embedder"] = Math.Round(embedder.CpuMsPerSentence / (1000 * CpuSeconds / n), 3),
                ["latency_ms"] = new { p50 = Percentile(sorted, 0.50), p99 = Percentile(sorted, 0.99), mean = Math.Round(meanLatency, 1) },
                ["server_total_ms"] = new { p50 = Percentile([.. _serverTotals.Order()], 0.50), p99 = Percentile([.. _serverTotals.Order()], 0.99) },
                ["hits_only"] = new
                {
                    latency_ms = new { p50 = Percentile([.. _hitLatencies.Order()], 0.50), p99 = Percentile([.. _hitLatencies.Order()], 0.99) },
                    server_total_ms = new { p50 = Percentile([.. _hitServerTotals.Order()], 0.50), p99 = Percentile([.. _hitServerTotals.Order()], 0.99) },
                },
                ["rss_mb"] = Math.Round(RssBytes() / 1048576.0),
                ["gc"] = Gc.PerRequest(n),
                ["jit"] = Jit.PerRequest(n),
                ["server_stage_mean_ms"] = meanStages,
                // Client-observed latency minus the pipeline's own total: HTTP, JSON, queueing for a core.
                ["http_and_queueing_mean_ms"] = Math.Round(meanLatency - meanStages.GetValueOrDefault("total"), 1),
            };
            if (ServerCpuSeconds is { } server)
            {
                // With --url the fields above are the load process's (the client's) CPU; these are the server's alone.
                report["server_process_cpu_ms_per_request"] = Math.Round(1000 * server / n, 2);
                report["server_process_cpu_ratio_to_embedder"] = Math.Round(embedder.CpuMsPerSentence / (1000 * server / n), 3);
            }

            return report;
        }

        private static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 1);
    }

    /// <summary>The router's embedder's quantization in the configuration (with --url, the same file is assumed to describe the server).</summary>
    private static MiniLmQuantization ServedQuantization(string configPath)
    {
        var config = ConfigLoader.Load(configPath, BuiltInTools.ValidationContext()).Config;
        return config is not null && config.Models.TryGetValue(config.Router.Embedder, out var model)
            ? ModelFactory.EmbedderQuantization(model)
            : ModelFactory.EmbedderQuantization(new ModelConfig { Name = "embedder", Provider = ModelProviders.EmbeddedMiniLm });
    }

    private sealed record Options(string? Url, string? Key, string Config, string Questions, IReadOnlyList<int> Concurrency, int Requests, IReadOnlyList<int> CacheConcurrency, int Soak, bool CacheRedis, bool CountEmbeddings, int Warmup, bool Spans, int SoakEvery = 1000, bool Allocations = false, int SteadySeconds = 0, int? ServerPid = null, bool JitMethods = false)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            var root = FindRoot();
            var config = Value("--config") ?? Path.Combine(root, "samples", "enterprise-assistant", "orchestrator.yaml");
            return new Options(
                Value("--url"),
                Value("--key") ?? Environment.GetEnvironmentVariable("ORCHESTRATOR_API_KEY"),
                config,
                Value("--questions") ?? Path.Combine(root, "samples", "enterprise-assistant", "questions.jsonl"),
                [.. (Value("--concurrency") ?? "1,16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
                int.Parse(Value("--requests") ?? "200", CultureInfo.InvariantCulture),
                [.. (Value("--cache-concurrency") ?? "16").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
                int.Parse(Value("--soak") ?? "0", CultureInfo.InvariantCulture),
                args.Contains("--cache-redis"),
                args.Contains("--count-embeddings"),
                Math.Max(1, int.Parse(Value("--warmup") ?? Math.Min(20, int.Parse(Value("--requests") ?? "200", CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
                args.Contains("--spans"),
                Math.Max(1, int.Parse(Value("--soak-every") ?? "1000", CultureInfo.InvariantCulture)),
                args.Contains("--allocations"),
                SteadyWarmup.SecondsFrom(args),
                Value("--server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
                args.Contains("--jit-methods"));
        }

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
                {
                    return dir.FullName;
                }
            }

            return Environment.CurrentDirectory;
        }
    }

    /// <summary>
    /// The real service on a free loopback port, built with the public API as any embedding app
    /// would (AddOrchestrator + the sample tools + AddOrchestratorHttpApi + MapOrchestrator); the
    /// start waits for the warm-up so the first request is not measured waiting for it.
    /// </summary>
    private sealed class InProcessHost : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private InProcessHost(WebApplication app, string baseUrl)
        {
            _app = app;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        private string? _temporaryConfig;

        public static async Task<InProcessHost> StartAsync(string configPath, bool enableCache = false, string extraYaml = "")
        {
            string? temporary = null;
            if (enableCache)
            {
                // Beside the original, so its relative paths (agents, knowledge, store) still resolve.
                temporary = Path.Combine(Path.GetDirectoryName(configPath)!, $".load-cache-{Guid.NewGuid():N}.yaml");
                File.WriteAllText(temporary, File.ReadAllText(configPath) + "\ncache:\n  enabled: true\n" + extraYaml);
                configPath = temporary;
            }

            var loaded = ConfigLoader.Load(configPath, BuiltInTools.ValidationContext());
            var config = loaded.Config ?? throw new InvalidOperationException(string.Join(Environment.NewLine, loaded.Errors));
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            BuiltInTools.AddTo(builder.Services.AddOrchestrator(o =>
            {
                o.ConfigFile = config.ConfigFile;
                o.WarmUpInBackground = false;
            }), config);
            builder.Services.AddOrchestratorHttpApi();
            var app = builder.Build();
            app.MapOrchestrator();
            await app.StartAsync().ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new InProcessHost(app, address) { _temporaryConfig = temporary };
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            if (_temporaryConfig is not null)
            {
                File.Delete(_temporaryConfig);
            }
        }
    }
}
