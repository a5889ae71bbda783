using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;
using Orchestrator.Configuration;
using Orchestrator.Escalation.Budget;

namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// Prices every call to one model and, with a <see cref="BudgetLedger"/>, keeps it within the daily
/// budget. Before the call its worst-case cost (a generous prompt estimate plus the full
/// <see cref="ChatOptions.MaxOutputTokens"/>) is reserved; when the ledger refuses, the call is not
/// made and <see cref="BudgetExceededException"/> is thrown. After the call the reservation is settled
/// with the real cost (the provider's usage, or an estimate from the characters), or released when
/// the call failed or was cancelled before any output arrived. A stream is settled when it ends, from
/// its last <see cref="UsageContent"/>; text that arrived before a stream broke was billed, so it is
/// settled too. The <see cref="BudgetCharge"/> rides on the response's (or a last, extra update's)
/// <see cref="ChatResponse.AdditionalProperties"/>, see <see cref="ChargeOf"/>. The tenant whose budget
/// pays is read from <see cref="ChatOptions.AdditionalProperties"/> under <see cref="TenantKey"/>.
/// </summary>
public sealed class BudgetChatClient : DelegatingChatClient
{
    /// <summary>A <see cref="string"/> in <see cref="ChatOptions.AdditionalProperties"/>: the tenant whose budget pays; not sent on.</summary>
    public const string TenantKey = "orchestrator.tenant";

    /// <summary>A <see cref="BudgetCharge"/>: what the call cost.</summary>
    public const string ChargeKey = "orchestrator.budget_charge";

    /// <summary>The output allowance reserved when the options set no <see cref="ChatOptions.MaxOutputTokens"/>.</summary>
    public const int DefaultMaxOutputTokens = 1024;

    private readonly BudgetLedger? _ledger;
    private readonly PriceConfig? _price;

    /// <param name="innerClient">The priced model's client.</param>
    /// <param name="ledger">The budget; null prices calls without limiting them.</param>
    /// <param name="price">The model's prices; null counts its calls as free.</param>
    public BudgetChatClient(IChatClient innerClient, BudgetLedger? ledger, PriceConfig? price)
        : base(innerClient)
    {
        _ledger = ledger;
        _price = price;
    }

    /// <summary>The charge <see cref="BudgetChatClient"/> recorded for a call, if any.</summary>
    public static BudgetCharge? ChargeOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(ChargeKey, out BudgetCharge? charge) ? charge : null;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = await BeginAsync(messages, options, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await base.GetResponseAsync(call.Messages, call.Options, cancellationToken).ConfigureAwait(false);
            call.Received(response.Usage, response.Text.Length);
            (response.AdditionalProperties ??= [])[ChargeKey] = await call.CloseAsync().ConfigureAwait(false);
            return response;
        }
        finally
        {
            await call.CloseAsync().ConfigureAwait(false);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = await BeginAsync(messages, options, cancellationToken).ConfigureAwait(false);
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            updates = base.GetStreamingResponseAsync(call.Messages, call.Options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            ExceptionDispatchInfo? error = null;
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Settled (and reported) first, then rethrown: what arrived before the failure was billed.
                    error = ExceptionDispatchInfo.Capture(ex);
                    break;
                }

                var update = updates.Current;
                call.Received(update.Contents.OfType<UsageContent>().LastOrDefault()?.Details, update.Text.Length);
                yield return update;
            }

            if (await call.CloseAsync().ConfigureAwait(false) is { } charge)
            {
                yield return new ChatResponseUpdate { Role = ChatRole.Assistant, AdditionalProperties = new() { [ChargeKey] = charge } };
            }

            error?.Throw();
        }
        finally
        {
            if (updates is not null)
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }

            await call.CloseAsync().ConfigureAwait(false);
        }
    }

    private async Task<Call> BeginAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var promptChars = list.Sum(m => m.Text.Length);
        string? tenant = null;
        if (options?.AdditionalProperties?.ContainsKey(TenantKey) == true)
        {
            tenant = options.AdditionalProperties.TryGetValue(TenantKey, out string? t) ? t : null;
            options = options.Clone();
            options.AdditionalProperties!.Remove(TenantKey);
        }

        BudgetReservation? reservation = null;
        if (_ledger is not null)
        {
            var maxOutput = options?.MaxOutputTokens ?? DefaultMaxOutputTokens;
            var estimate = CloudPricing.Usd(_price, CloudPricing.ReserveTokens(promptChars), maxOutput);
            var decision = await _ledger.ReserveAsync(tenant, estimate, cancellationToken).ConfigureAwait(false);
            reservation = decision.Reservation ?? throw new BudgetExceededException(decision.RejectedBecause ?? "the daily budget is reached");
        }

        return new Call(_ledger, _price, reservation, list, options, promptChars);
    }

    /// <summary>One call's reservation and what came back so far; closed once, by settling or releasing.</summary>
    private sealed class Call(BudgetLedger? ledger, PriceConfig? price, BudgetReservation? reservation, IReadOnlyList<ChatMessage> messages, ChatOptions? options, int promptChars)
    {
        private UsageDetails? _usage;
        private int _completionChars;
        private bool _closed;
        private BudgetCharge? _charge;

        public IReadOnlyList<ChatMessage> Messages => messages;

        public ChatOptions? Options => options;

        public void Received(UsageDetails? usage, int chars)
        {
            _usage = usage ?? _usage;
            _completionChars += chars;
        }

        /// <summary>Settles what was received (nothing received: releases); returns the charge, or null when released.</summary>
        public async Task<BudgetCharge?> CloseAsync()
        {
            if (_closed)
            {
                return _charge;
            }

            _closed = true;
            if (_usage is null && _completionChars == 0)
            {
                if (reservation is not null)
                {
                    await ledger!.ReleaseAsync(reservation, CancellationToken.None).ConfigureAwait(false);
                }

                return null;
            }

            var prompt = (int?)_usage?.InputTokenCount ?? CloudPricing.EstimateTokens(promptChars);
            var completion = (int?)_usage?.OutputTokenCount ?? CloudPricing.EstimateTokens(_completionChars);
            _charge = new BudgetCharge(prompt, completion, CloudPricing.Usd(price, prompt, completion));
            if (reservation is not null)
            {
                await ledger!.SettleAsync(reservation, _charge.Usd, CancellationToken.None).ConfigureAwait(false);
            }

            return _charge;
        }
    }
}
