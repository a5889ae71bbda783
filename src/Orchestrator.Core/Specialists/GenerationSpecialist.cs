using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Orchestrator.Models;
using Orchestrator.Prompts;

namespace Orchestrator.Specialists;

/// <summary>
/// Serves <c>kind: generation</c> agents that have a model: renders the agent's prompt (or the
/// default one) and asks the agent's chat client. A failing model is a failed result, so the
/// pipeline escalates as specialist_failed instead of surfacing an exception.
/// </summary>
public sealed class GenerationSpecialist : ISpecialist
{
    /// <summary>Used when the model config sets no timeout_seconds: long enough for a slow local model.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private readonly ModelRegistry _models;
    private readonly PromptLibrary _prompts;

    public GenerationSpecialist(ModelRegistry models, PromptLibrary prompts)
    {
        _models = models ?? throw new ArgumentNullException(nameof(models));
        _prompts = prompts ?? throw new ArgumentNullException(nameof(prompts));
    }

    public async Task<SpecialistResult> AnswerAsync(SpecialistRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Agent.Model is not { } modelName)
        {
            return SpecialistResult.Failed($"agent '{request.Agent.Name}' writes text and needs a generative model, but none is configured");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeoutFor(modelName));
        try
        {
            var messages = await BuildMessagesAsync(request, cancellationToken).ConfigureAwait(false);
            var response = await _models.GetChatClient(modelName).GetResponseAsync(messages, cancellationToken: timeout.Token).ConfigureAwait(false);
            var text = ModelOutput.Clean(response.Text).Trim();
            if (text.Length == 0)
            {
                return SpecialistResult.Failed($"model '{modelName}' returned an empty answer");
            }

            return new SpecialistResult
            {
                Succeeded = true,
                Answer = text,
                PromptTokens = (int)(response.Usage?.InputTokenCount ?? 0),
                CompletionTokens = (int)(response.Usage?.OutputTokenCount ?? 0),
            };
        }
        catch (Exception ex) when (ModelCallFailure.IsModelFailure(ex, cancellationToken))
        {
            return SpecialistResult.Failed(ModelCallFailure.Describe(modelName, ex));
        }
    }

    /// <summary>
    /// Streams the answer as cleaned text deltas, for callers that print or forward as they go.
    /// Unlike <see cref="AnswerAsync"/>, failures surface as exceptions
    /// (<see cref="ModelUnavailableException"/>, System.ClientModel.ClientResultException), since
    /// part of the answer may already have been sent.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(SpecialistRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var modelName = request.Agent.Model
            ?? throw new ModelUnavailableException($"agent '{request.Agent.Name}' writes text and needs a generative model, but none is configured", isUnconfigured: true);
        var client = _models.GetChatClient(modelName);
        var messages = await BuildMessagesAsync(request, cancellationToken).ConfigureAwait(false);
        var remaining = ModelOutput.DefaultMaxChars;
        await foreach (var update in client.GetStreamingResponseAsync(messages, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var piece = ModelOutput.Clean(update.Text, remaining);
            if (piece.Length == 0)
            {
                continue;
            }

            remaining -= piece.Length;
            yield return piece;
            if (remaining <= 0)
            {
                yield break;
            }
        }
    }

    private async Task<List<ChatMessage>> BuildMessagesAsync(SpecialistRequest request, CancellationToken cancellationToken)
    {
        var prompt = await _prompts.RenderAsync(request.Agent.Prompt, DefaultPrompts.Generation, new PromptVariables(request.Question), cancellationToken).ConfigureAwait(false);
        if (request.Critique is { } critique)
        {
            prompt += DefaultPrompts.RepairNote(critique);
        }

        return [new ChatMessage(ChatRole.System, DefaultPrompts.System), new ChatMessage(ChatRole.User, prompt)];
    }

    private TimeSpan TimeoutFor(string modelName) =>
        _models.Config.Models.TryGetValue(modelName, out var model) && model.TimeoutSeconds is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : DefaultTimeout;
}
