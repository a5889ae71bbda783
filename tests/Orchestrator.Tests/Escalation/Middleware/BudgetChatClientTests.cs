using Microsoft.Extensions.AI;
using Orchestrator.Escalation.Middleware;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Escalation.Middleware.MiddlewareHarness;

namespace Orchestrator.Tests.Escalation.Middleware;

/// <summary>The budget on its own: reserve before, settle after, release on failure; whole and streamed.</summary>
public sealed class BudgetChatClientTests : MiddlewareTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Answered_call_settles_the_reported_usage(bool stream)
    {
        var ledger = H.Ledger(usdPerDay: 10);
        using var client = H.Priced(H.A, ledger);

        var response = await CallAsync(client, stream);

        Assert.Equal(new BudgetCharge(40, 256, UsdPerCall), BudgetChatClient.ChargeOf(response.AdditionalProperties));
        Assert.Equal(UsdPerCall, (await ledger.UsageAsync(null)).GlobalUsd, 9);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Exhausted_budget_refuses_before_anything_is_sent(bool stream)
    {
        // The reservation is the full output allowance: 256 tokens at 1,000 USD per million.
        var ledger = H.Ledger(usdPerDay: UsdPerCall * 1.5);
        using var client = H.Priced(H.A, ledger);
        await CallAsync(client, stream);

        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => CallAsync(client, stream));

        Assert.Contains("global limit", refused.Reason, StringComparison.Ordinal);
        Assert.Single(H.A.Requests);
        Assert.Equal(UsdPerCall, (await ledger.UsageAsync(null)).GlobalUsd, 9);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Failed_call_releases_its_reservation(bool stream)
    {
        var ledger = H.Ledger(usdPerDay: UsdPerCall);
        using var client = H.Priced(H.A, ledger);
        H.A.Enqueue(FakeOpenAiReply.Error(503));

        await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(client, stream));

        Assert.Equal(0, (await ledger.UsageAsync(null)).GlobalUsd, 9);
        await CallAsync(client, stream);
        Assert.Equal(2, H.A.Requests.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Caller_cancellation_releases_the_reservation(bool stream)
    {
        var ledger = H.Ledger(usdPerDay: 10);
        using var client = H.Priced(H.A, ledger);
        H.A.Enqueue(FakeOpenAiReply.Hanging());
        using var cancel = new CancellationTokenSource();

        var call = CallAsync(client, stream, cancellationToken: cancel.Token);
        await WaitForAsync(() => H.A.Requests.Count == 1);
        Assert.True((await ledger.UsageAsync(null)).GlobalUsd > 0, "the call holds a reservation while it runs");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(0, (await ledger.UsageAsync(null)).GlobalUsd, 9);
    }

    [Fact]
    public async Task Stream_cut_after_text_arrived_settles_what_was_billed()
    {
        var ledger = H.Ledger(usdPerDay: 10);
        using var client = H.Priced(H.A, ledger);
        H.A.Enqueue(FakeOpenAiReply.StreamCut("First sentence here. Second one.", chunks: 3) with { CompletionTokens = 256 });

        // The SDK may end a cut stream quietly or throw; either way the text that arrived was billed.
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question("Where do I park?")))
            {
                updates.Add(update);
            }
        }
        catch (Exception ex) when (ex is IOException or System.Net.Http.HttpRequestException)
        {
        }

        // No usage arrived: the text received is estimated (4 characters a token) and settled.
        var charge = updates.Select(u => BudgetChatClient.ChargeOf(u.AdditionalProperties)).Single(c => c is not null)!;
        Assert.True(charge.CompletionTokens is > 0 and < 256, $"{charge.CompletionTokens} tokens");
        Assert.Equal(charge.Usd, (await ledger.UsageAsync(null)).GlobalUsd, 9);
    }

    [Fact]
    public async Task Tenant_pays_from_its_own_budget_and_is_not_sent_to_the_provider()
    {
        var ledger = H.Ledger(usdPerDay: 10, tenantUsdPerDay: UsdPerCall);
        using var client = H.Priced(H.A, ledger);
        ChatOptions Tenant(string tenant) => new() { AdditionalProperties = new() { [BudgetChatClient.TenantKey] = tenant } };

        await CallAsync(client, stream: false, Tenant("acme"));
        await Assert.ThrowsAsync<BudgetExceededException>(() => CallAsync(client, stream: true, Tenant("acme")));
        await CallAsync(client, stream: true, Tenant("globex"));

        Assert.Equal(2, H.A.Requests.Count);
        Assert.All(H.A.Requests, r => Assert.DoesNotContain("orchestrator", r.Body, StringComparison.Ordinal));
        Assert.Equal(UsdPerCall, (await ledger.UsageAsync("acme")).TenantUsd, 9);
    }

    [Fact]
    public async Task Without_a_ledger_calls_are_priced_but_not_limited()
    {
        using var client = H.Priced(H.A, null);

        var response = await CallAsync(client, stream: true);

        Assert.Equal(UsdPerCall, BudgetChatClient.ChargeOf(response.AdditionalProperties)!.Usd, 9);
    }
}
