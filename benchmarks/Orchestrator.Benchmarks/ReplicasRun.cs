using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.Tokenizers;
using Orchestrator.Tests.Support;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>replicas --redis host:port [--requests 200] [--cli path/to/orchestrator.dll]</c>: three
/// <c>orchestrator serve</c> child processes on loopback share one budget on Redis
/// (<c>state.provider: redis</c>), in front of a fake cloud that bills real token counts (o200k_base).
/// 200 concurrent escalations are spread over them against a daily limit that admits about 20 calls.
/// Scenarios: <c>plain</c> (an OpenAI model name, counted exactly), <c>tokens-over-estimate</c>
/// (Chinese questions, which cost about three times the old characters-per-token guess, on a model
/// whose tokenizer is unknown while the provider bills 20% more tokens than o200k counts), and
/// <c>replica-killed</c> (one replica killed mid-run). Prints
/// <c>{"runs": [{"name", "replicas", "admitted", "refused", "lost", "spent_usd", "limit_usd"}]}</c>:
/// <c>admitted</c> = calls the cloud received, <c>refused</c> = answers degraded by the budget,
/// <c>lost</c> = requests that got no answer (their replica died), <c>spent_usd</c> = what the fake
/// cloud billed (the truth, not the ledger), <c>ledger_usd</c> = what Redis recorded.
/// </summary>
internal static class ReplicasRun
{
    private const int Replicas = 3;
    private const int MaxOutputTokens = 256;
    private const double InputPerMtok = 100;
    private const double OutputPerMtok = 400;
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    public static async Task<int> RunAsync(string[] args)
    {
        var redis = Option(args, "--redis");
        if (redis is null)
        {
            await Console.Error.WriteLineAsync("usage: replicas --redis <host:port> [--requests 200] [--cli <orchestrator.dll>]").ConfigureAwait(false);
            return 2;
        }

        var requests = int.Parse(Option(args, "--requests") ?? "200", CultureInfo.InvariantCulture);
        var cli = Option(args, "--cli") ?? Path.Combine(AppContext.BaseDirectory, "orchestrator.dll");
        var runs = new JsonArray
        {
            await ScenarioAsync("plain", redis, cli, requests, cjk: false, overbill: 1.0, kill: false).ConfigureAwait(false),
            await ScenarioAsync("tokens-over-estimate", redis, cli, requests, cjk: true, overbill: 1.2, kill: false).ConfigureAwait(false),
            await ScenarioAsync("replica-killed", redis, cli, requests, cjk: false, overbill: 1.0, kill: true).ConfigureAwait(false),
        };
        Console.WriteLine(new JsonObject { ["runs"] = runs, ["command"] = $"replicas --redis {redis} --requests {requests}" }.ToJsonString());
        return 0;
    }

    private static async Task<JsonObject> ScenarioAsync(string name, string redis, string cli, int requests, bool cjk, double overbill, bool kill)
    {
        await using var cloud = FakeOpenAiServer.Start();
        var billed = 0.0;
        var billedLock = new object();
        cloud.Responder = request =>
        {
            var prompt = (int)Math.Ceiling(overbill * (3 + request.Messages.Sum(m => 4 + O200k.CountTokens(m.Role) + O200k.CountTokens(m.Content))));
            var completion = (request.Json?["max_completion_tokens"] ?? request.Json?["max_tokens"])?.GetValue<int>() ?? 4096;
            lock (billedLock)
            {
                billed += ((prompt * InputPerMtok) + (completion * OutputPerMtok)) / 1e6;
            }

            return FakeOpenAiReply.WithText("A cloud answer.") with { PromptTokens = prompt, CompletionTokens = completion, Delay = TimeSpan.FromMilliseconds(300) };
        };

        // One call costs its prompt plus the full output allowance; the limit admits about 20 of them.
        var question = cjk ? Cjk(600) : "Please explain in detail how our parking garage assigns spaces to visiting contractors on weekends.";
        var promptTokens = (cjk ? 1.25 * O200k.CountTokens(question) : O200k.CountTokens(question)) + 400;
        var limit = Math.Round(20 * ((promptTokens * InputPerMtok) + (MaxOutputTokens * OutputPerMtok)) / 1e6, 4);
        var prefix = $"bench-{name}-{Guid.NewGuid():N}";
        using var dir = new TempDirectory();
        var replicas = new List<Replica>();
        try
        {
            for (var i = 0; i < Replicas; i++)
            {
                replicas.Add(Replica.Start(cli, Config(dir, i, cloud.Endpoint, cjk ? "fake-cloud" : "gpt-4o", limit, prefix), redis));
            }

            await Task.WhenAll(replicas.Select(r => r.WaitReadyAsync())).ConfigureAwait(false);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var outcomes = new string[requests];
            var done = 0;
            var tasks = Enumerable.Range(0, requests).Select(async i =>
            {
                outcomes[i] = await AskAsync(http, replicas[i % Replicas].Url, question).ConfigureAwait(false);
                Interlocked.Increment(ref done);
            }).ToList();
            if (kill)
            {
                while (cloud.Requests.Count < 5 && Volatile.Read(ref done) < requests)
                {
                    await Task.Delay(5).ConfigureAwait(false);
                }

                replicas[0].Kill();
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
            Environment.SetEnvironmentVariable("ORCHESTRATOR_BENCH_REDIS", redis);
            using var ledger = Escalation.Budget.RedisBudgetStore.Open(
                new Configuration.StateConfig { Provider = "redis", ConnectionEnv = "ORCHESTRATOR_BENCH_REDIS", KeyPrefix = prefix },
                new Escalation.Budget.BudgetLimits(limit, null));
            var usage = await ledger.UsageAsync(null).ConfigureAwait(false);
            return new JsonObject
            {
                ["name"] = name,
                ["replicas"] = Replicas,
                ["requests"] = requests,
                ["admitted"] = cloud.Requests.Count,
                ["refused"] = outcomes.Count(o => o == "budget"),
                ["lost"] = outcomes.Count(o => o == "lost"),
                ["other"] = outcomes.Count(o => o is not ("budget" or "lost" or "escalated")),
                ["spent_usd"] = Math.Round(billed, 6),
                ["ledger_usd"] = Math.Round(usage.GlobalUsd, 6),
                ["limit_usd"] = limit,
                ["within_limit"] = billed <= limit + 1e-9,
            };
        }
        finally
        {
            foreach (var replica in replicas)
            {
                replica.Kill();
                replica.Dispose();
            }
        }
    }

    /// <summary>escalated, budget (degraded by the budget), lost (no answer), or the degraded reason / status.</summary>
    private static async Task<string> AskAsync(HttpClient http, string url, string question)
    {
        var body = new JsonObject { ["model"] = "cloud", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }) }.ToJsonString();
        try
        {
            using var response = await http.PostAsync(new Uri(url + "/v1/chat/completions"), new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return "http " + (int)response.StatusCode;
            }

            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            var escalation = json?["orchestrator"]?["escalation"];
            return escalation?["performed"]?.GetValue<bool>() == true ? "escalated" : escalation?["degraded_reason"]?.GetValue<string>() ?? escalation?["reason"]?.ToString() ?? "local";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or SocketException)
        {
            return "lost";
        }
    }

    private static string Config(TempDirectory dir, int index, Uri cloud, string model, double limit, string prefix)
    {
        var root = $"replica{index}";
        dir.Write($"{root}/agents/parking.yaml", """
            name: parking
            kind: retrieval
            description: Parking rules for staff and visitors.
            examples: [ "Where can I park?", "visitor parking", "garage level for staff" ]
            knowledge: facilities
            """);
        dir.Write($"{root}/prompts/note.md", "{{$question}}");
        dir.Write($"{root}/knowledge/parking.md", "# Parking\n\nEmployees park on level 2 of the garage on weekdays.\n");
        return dir.Write($"{root}/orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              cloud: { provider: openai, endpoint: "{{cloud}}", model: {{model}}, max_output_tokens: {{MaxOutputTokens}}, max_retries: 0, price: { input_per_mtok: {{InputPerMtok}}, output_per_mtok: {{OutputPerMtok}} } }
            escalation:
              target: cloud
              timeout_seconds: 30
              budget: { usd_per_day: {{limit.ToString(CultureInfo.InvariantCulture)}} }
            state:
              provider: redis
              connection_env: ORCHESTRATOR_REDIS
              key_prefix: {{prefix}}
              reservation_ttl_seconds: 600
            limits: { max_input_chars: 8000 }
            collections:
              facilities: { paths: [ knowledge ] }
            agents: agents/
            prompts: prompts/
            """);
    }

    private static string Cjk(int chars) =>
        string.Concat(Enumerable.Range(0, chars).Select(i => (char)(0x4E00 + ((i * 7919) % 20000))));

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>One <c>orchestrator serve</c> child process on a free loopback port.</summary>
    private sealed class Replica : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();

        private Replica(Process process, string url)
        {
            _process = process;
            Url = url;
        }

        public string Url { get; }

        public static Replica Start(string cli, string config, string redis)
        {
            var port = FreePort();
            var url = $"http://127.0.0.1:{port}";
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { cli, "--config", config, "serve", "--urls", url })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["ORCHESTRATOR_REDIS"] = redis;
            var process = Process.Start(start)!;
            var replica = new Replica(process, url);
            process.OutputDataReceived += (_, e) => replica.Append(e.Data);
            process.ErrorDataReceived += (_, e) => replica.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return replica;
        }

        public async Task WaitReadyAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            for (var i = 0; i < 1200; i++)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"replica {Url} exited with {_process.ExitCode}:\n{Log()}");
                }

                try
                {
                    using var ready = await http.GetAsync(new Uri(Url + "/readyz")).ConfigureAwait(false);
                    if (ready.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }

                await Task.Delay(250).ConfigureAwait(false);
            }

            throw new TimeoutException($"replica {Url} was not ready after 5 minutes:\n{Log()}");
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }

        public void Dispose() => _process.Dispose();

        private void Append(string? line)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }

        private string Log()
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
