using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;
using Orchestrator.Configuration;
using Orchestrator.Escalation.Budget;

namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// Prices every call to one model and, with an <see cref="IBudgetStore"/>, keeps it within the daily
/// budget as a hard limit. Before the call its worst-case cost is reserved: the prompt counted with
/// the model's tokenizer (<see cref="PromptTokenCounter"/>) plus the full completion allowance at the
/// output price, and the allowance is sent as <see cref="ChatOptions.MaxOutputTokens"/>, so the
/// provider cannot bill more than was reserved. When the store refuses, the call is not made and
/// <see cref="BudgetExceededException"/> is thrown. After the call the reservation is settled with
/// the real cost (the provider's usage, or the tokenizer's count of what arrived), or released when
/// the call failed or was cancelled before the provider answered. A stream is settled when it ends,
/// from its last <see cref="UsageContent"/>; a stream that broke or that the caller abandoned after
/// the provider answered is settled for the prompt and the text that arrived, as that was billed.
/// The <see cref="BudgetCharge"/> rides on the response's (or a last, extra update's)
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

    private readonly IBudgetStore? _ledger;
    private readonly PriceConfig? _price;
    private readonly string? _model;

    /// <param name="innerClient">The priced model's client.</param>
    /// <param name="ledger">The budget; null prices calls without limiting them.</param>
    /// <param name="price">The model's prices; null counts its calls as free.</param>
    /// <param name="model">The provider's model id (e.g. gpt-4o-mini), which picks the tokenizer; null or unknown counts with o200k_base and a margin.</param>
    public BudgetChatClient(IChatClient innerClient, IBudgetStore? ledger, PriceConfig? price, string? model = null)
        : base(innerClient)
    {
        _ledger = ledger;
        _price = price;
        _model = model;
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
            call.Received(response.Usage, response.Text);
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
                call.Received(update.Contents.OfType<UsageContent>().LastOrDefault()?.Details, update.Text);
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
        string? tenant = null;
        if (options?.AdditionalProperties?.ContainsKey(TenantKey) == true)
        {
            tenant = options.AdditionalProperties.TryGetValue(TenantKey, out string? t) ? t : null;
            options = options.Clone();
            options.AdditionalProperties!.Remove(TenantKey);
        }

        var promptTokens = PromptTokenCounter.Count(list, _model);
        BudgetReservation? reservation = null;
        if (_ledger is not null)
        {
            // The allowance reserved is the allowance sent: the completion can never cost more than it.
            if (options?.MaxOutputTokens is null)
            {
                options = options?.Clone() ?? new ChatOptions();
                options.MaxOutputTokens = DefaultMaxOutputTokens;
            }

            var estimate = ReservationUsd(_price, promptTokens, options.MaxOutputTokens.Value);
            var decision = await _ledger.ReserveAsync(tenant, estimate, cancellationToken).ConfigureAwait(false);
            reservation = decision.Reservation ?? throw new BudgetExceededException(decision.RejectedBecause ?? "the daily budget is reached");
        }

        return new Call(_ledger, _price, _model, reservation, list, options, promptTokens);
    }

    /// <summary>The most one call can cost: its counted prompt and its whole output allowance.</summary>
    public static double ReservationUsd(PriceConfig? price, int promptTokens, int maxOutputTokens) =>
        CloudPricing.Usd(price, promptTokens, maxOutputTokens);

    /// <summary>One call's reservation and what came back so far; closed once, by settling or releasing.</summary>
    private sealed class Call(IBudgetStore? ledger, PriceConfig? price, string? model, BudgetReservation? reservation, IReadOnlyList<ChatMessage> messages, ChatOptions? options, int promptTokens)
    {
        private UsageDetails? _usage;
        private bool _answered;
        private int _completionTokens;
        private bool _closed;
        private BudgetCharge? _charge;

        public IReadOnlyList<ChatMessage> Messages => messages;

        public ChatOptions? Options => options;

        /// <summary>The provider answered (a response, or any update of a stream): from here on the prompt is billed.</summary>
        public void Received(UsageDetails? usage, string text)
        {
            _answered = true;
            _usage = usage ?? _usage;
            if (text.Length > 0)
            {
                _completionTokens += PromptTokenCounter.Count(text, model);
            }
        }

        /// <summary>Settles what was received (nothing received: releases); returns the charge, or null when released.</summary>
        public async Task<BudgetCharge?> CloseAsync()
        {
            if (_closed)
            {
                return _charge;
            }

            _closed = true;
            if (!_answered)
            {
                if (reservation is not null)
                {
                    await ledger!.ReleaseAsync(reservation, CancellationToken.None).ConfigureAwait(false);
                }

                return null;
            }

            var prompt = (int?)_usage?.InputTokenCount ?? promptTokens;
            var completion = (int?)_usage?.OutputTokenCount ?? Math.Min(_completionTokens, options?.MaxOutputTokens ?? int.MaxValue);
            _charge = new BudgetCharge(prompt, completion, CloudPricing.Usd(price, prompt, completion));
            if (reservation is not null)
            {
                await ledger!.SettleAsync(reservation, _charge.Usd, CancellationToken.None).ConfigureAwait(false);
            }

            return _charge;
        }
    }
}
