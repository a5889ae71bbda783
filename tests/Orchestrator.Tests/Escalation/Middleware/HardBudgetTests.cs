using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;
using Orchestrator.Configuration;
using Orchestrator.Escalation;
using Orchestrator.Escalation.Budget;
using Orchestrator.Escalation.Middleware;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Escalation.Middleware.MiddlewareHarness;

namespace Orchestrator.Tests.Escalation.Middleware;

/// <summary>
/// The budget is a hard limit: prompts are counted with the model's tokenizer, the completion
/// allowance is reserved in full and sent as max_tokens, so the settled spend never crosses the limit
/// even for text a characters-per-token guess undercounts (issue 12, item 3).
/// </summary>
public sealed class HardBudgetTests : MiddlewareTests
{
    private static readonly PriceConfig Gpt4o = new() { InputPerMtok = 2.5, OutputPerMtok = 10 };
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    /// <summary>3,000 characters of Chinese: about one token per character, not one per three.</summary>
    private static string CjkQuestion(int seed) =>
        string.Concat(Enumerable.Range(0, 3000).Select(i => (char)(0x4E00 + ((i * 7919 + seed * 31) % 20000))));

    /// <summary>What the provider bills: its own token count of the messages it received, as OpenAI counts chat prompts.</summary>
    private static FakeOpenAiReply Billed(RecordedRequest request) =>
        FakeOpenAiReply.WithText("回答。") with
        {
            PromptTokens = PromptTokenCounter.ReplyPrimingTokens + request.Messages.Sum(m => PromptTokenCounter.TokensPerMessage + O200k.CountTokens(m.Role) + O200k.CountTokens(m.Content)),
            CompletionTokens = MaxTokens(request) ?? 4096,
        };

    private static int? MaxTokens(RecordedRequest request) =>
        (request.Json?["max_completion_tokens"] ?? request.Json?["max_tokens"]) is JsonNode node ? node.GetValue<int>() : null;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_CJK_questions_never_spend_past_the_limit(bool stream)
    {
        const double Limit = 0.05;
        var ledger = H.Ledger(usdPerDay: Limit);
        H.A.Responder = Billed;
        using var client = H.Client(H.A).AsBuilder().ConfigureOptions(o => o.MaxOutputTokens = 256).UseBudget(ledger, Gpt4o, "gpt-4o").Build();

        var calls = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            List<ChatMessage> question = [new(ChatRole.User, CjkQuestion(i))];
            try
            {
                return stream ? (await StreamAsync(client, question)).ToChatResponse() : await client.GetResponseAsync(question);
            }
            catch (BudgetExceededException)
            {
                return null;
            }
        })));

        var spent = (await ledger.UsageAsync(null)).GlobalUsd;
        var charged = calls.Where(c => c is not null).Sum(c => BudgetChatClient.ChargeOf(c!.AdditionalProperties)?.Usd ?? 0);
        Assert.True(spent <= Limit + 1e-9, $"spent {spent:0.######} USD of a {Limit} USD limit in {H.A.Requests.Count} calls");
        Assert.Equal(charged, spent, 9);
        Assert.InRange(H.A.Requests.Count, 1, 64);
    }

    [Fact]
    public async Task The_reserved_allowance_is_sent_as_max_tokens_when_the_options_set_none()
    {
        var ledger = H.Ledger(usdPerDay: 10);
        using var client = H.Client(H.A).AsBuilder().UseBudget(ledger, Gpt4o, "gpt-4o").Build();

        await client.GetResponseAsync(Question("Where do I park?"));

        Assert.Equal(BudgetChatClient.DefaultMaxOutputTokens, MaxTokens(H.A.Requests.Single()));
    }

    [Fact]
    public void Known_models_are_counted_exactly_and_unknown_ones_with_a_margin()
    {
        List<ChatMessage> messages = [new(ChatRole.System, "Answer briefly."), new(ChatRole.User, CjkQuestion(1))];
        var exact = PromptTokenCounter.ReplyPrimingTokens + messages.Sum(m => PromptTokenCounter.TokensPerMessage + O200k.CountTokens(m.Role.Value) + O200k.CountTokens(m.Text));

        Assert.True(PromptTokenCounter.IsExact("gpt-4o-mini"));
        Assert.Equal(exact, PromptTokenCounter.Count(messages, "gpt-4o-mini"));
        Assert.False(PromptTokenCounter.IsExact("mistral-large"));
        Assert.True(PromptTokenCounter.Count(messages, "mistral-large") > exact);
        Assert.True(PromptTokenCounter.Count(messages, null) > exact);
        Assert.True(exact > 3000 / 3, "CJK costs far more than the old three-characters-per-token estimate");
    }

    [Fact]
    public async Task A_stream_the_caller_abandons_is_charged_for_the_prompt_and_the_text_it_received()
    {
        var price = new PriceConfig { InputPerMtok = 1000, OutputPerMtok = 1000 };
        var ledger = H.Ledger(usdPerDay: 100);
        H.A.Enqueue(FakeOpenAiReply.WithText("第一句。第二句。第三句。第四句。") with { PromptTokens = 99_999, CompletionTokens = 99_999 });
        using var client = H.Client(H.A).AsBuilder().ConfigureOptions(o => o.MaxOutputTokens = 256).UseBudget(ledger, price, "gpt-4o").Build();
        List<ChatMessage> question = [new(ChatRole.User, CjkQuestion(2))];

        var received = "";
        await foreach (var update in client.GetStreamingResponseAsync(question))
        {
            received += update.Text;
            if (received.Length > 0)
            {
                break; // the HTTP client went away mid-answer
            }
        }

        var expected = CloudPricing.Usd(price, PromptTokenCounter.Count(question, "gpt-4o"), PromptTokenCounter.Count(received, "gpt-4o"));
        Assert.Equal(expected, (await ledger.UsageAsync(null)).GlobalUsd, 9);
    }

    [Fact]
    public void A_limit_below_one_calls_reservation_is_a_start_up_warning()
    {
        var price = new PriceConfig { InputPerMtok = 2.5, OutputPerMtok = 10 };

        var warnings = BudgetStartupCheck.Warnings(new BudgetLimits(5, 0.001), "cloud", price, maxOutputTokens: 1024);

        var warning = Assert.Single(warnings);
        Assert.Contains("escalation.budget.tenant_usd_per_day is 0.001 USD, less than one call to 'cloud' reserves", warning, StringComparison.Ordinal);
        Assert.Empty(BudgetStartupCheck.Warnings(new BudgetLimits(5, 0.02), "cloud", price, maxOutputTokens: 1024));
    }
}
