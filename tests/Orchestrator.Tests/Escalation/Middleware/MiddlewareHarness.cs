using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Configuration;
using Orchestrator.Escalation.Budget;
using Orchestrator.Models;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation.Middleware;

/// <summary>
/// Two loopback fake OpenAI servers (<see cref="A"/>, <see cref="B"/>) with real SDK clients, a budget
/// file and a fake clock, for testing the escalation middleware layer by layer. Each reply reports
/// 40 prompt and 256 completion tokens; at <see cref="Price"/> a call costs <see cref="UsdPerCall"/>.
/// </summary>
internal sealed class MiddlewareHarness : IAsyncDisposable
{
    public const double UsdPerCall = 0.256;

    public const string Email = "jane.doe@contoso.example";

    private readonly TempDirectory _dir = new();
    private readonly List<IDisposable> _owned = [];

    public MiddlewareHarness()
    {
        A.DefaultReply = Reply("Answer from A.");
        B.DefaultReply = Reply("Answer from B.");
    }

    public FakeOpenAiServer A { get; } = FakeOpenAiServer.Start();

    public FakeOpenAiServer B { get; } = FakeOpenAiServer.Start();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    public static PriceConfig Price { get; } = new() { InputPerMtok = 0, OutputPerMtok = 1000 };

    public static FakeOpenAiReply Reply(string text) => FakeOpenAiReply.WithText(text) with { PromptTokens = 40, CompletionTokens = 256 };

    public static List<ChatMessage> Question(string text) => [new(ChatRole.System, "Answer briefly."), new(ChatRole.User, text)];

    /// <summary>The openai client of <paramref name="server"/> (max_output_tokens 256, no retries).</summary>
    public IChatClient Client(FakeOpenAiServer server)
    {
        var model = OpenAiTestConfig.Model(server);
        var client = ModelFactory.CreateChatClient(OpenAiTestConfig.Config(model), model.Name, NullLoggerFactory.Instance);
        _owned.Add(client);
        return client;
    }

    /// <summary>The client of <paramref name="server"/> as the escalator builds a provider: its output allowance, then the budget.</summary>
    public IChatClient Priced(FakeOpenAiServer server, BudgetLedger? ledger) =>
        Client(server).AsBuilder().ConfigureOptions(o => o.MaxOutputTokens = 256).UseBudget(ledger, Price).Build();

    public BudgetLedger Ledger(double? usdPerDay, double? tenantUsdPerDay = null)
    {
        var ledger = BudgetLedger.Open(Path.Combine(_dir.Path, "budget.db"), new BudgetLimits(usdPerDay, tenantUsdPerDay), Time);
        _owned.Add(ledger);
        return ledger;
    }

    public static async Task<List<ChatResponseUpdate>> StreamAsync(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates;
    }

    /// <summary>One call, whole or streamed (and collected): the same question either way.</summary>
    public static async Task<ChatResponse> CallAsync(IChatClient client, bool stream, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        stream
            ? (await StreamAsync(client, Question("Where do I park?"), options, cancellationToken)).ToChatResponse()
            : await client.GetResponseAsync(Question("Where do I park?"), options, cancellationToken);

    /// <summary>Waits in real time for <paramref name="condition"/>; the minute only bounds a hang (a loaded CI machine is slow).</summary>
    public static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "timed out waiting (1 minute)");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await A.DisposeAsync();
        await B.DisposeAsync();
        _dir.Dispose();
    }
}
