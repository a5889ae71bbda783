using Orchestrator.Models;
using PassageScreen = System.Func<System.Collections.Generic.IReadOnlyList<Orchestrator.Passage>, System.Threading.CancellationToken, System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<Orchestrator.Passage>>>;

namespace Orchestrator.Specialists;

/// <summary>
/// Serves retrieval agents that name a model: the extractive specialist searches and builds its
/// answer as before, then the model writes a cited answer from the same passages. Whenever the
/// model cannot be used (missing key, error, timeout, bad citations), the extractive answer is
/// returned with <see cref="SpecialistResult.Fallback"/> saying why.
/// </summary>
public sealed class GroundedRetrievalSpecialist : ISpecialist
{
    private readonly RetrievalSpecialist _retrieval;
    private readonly ModelRegistry _models;
    private readonly GroundedAnswerWriter _writer;

    public GroundedRetrievalSpecialist(RetrievalSpecialist retrieval, ModelRegistry models, GroundedAnswerWriter writer)
    {
        _retrieval = retrieval ?? throw new ArgumentNullException(nameof(retrieval));
        _models = models ?? throw new ArgumentNullException(nameof(models));
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    }

    public async Task<SpecialistResult> AnswerAsync(SpecialistRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agent = request.Agent;
        if (string.IsNullOrWhiteSpace(agent.Knowledge))
        {
            return SpecialistResult.Failed($"Agent '{agent.Name}' has no knowledge collection configured.");
        }

        var (extractive, rewritePromptTokens, rewriteCompletionTokens) = agent.Model is { } rewriter && ModelQueryRewriter.Applies(request.Question, request.History)
            ? await AnswerFromModelRewriteAsync(agent.Knowledge, rewriter, request, cancellationToken).ConfigureAwait(false)
            : (null, 0, 0);
        extractive ??= await _retrieval.AnswerFromCollectionAsync(agent.Knowledge, request.Question, request.History, request.ScreenPassages, cancellationToken).ConfigureAwait(false);

        // The rewrite call is billed whether or not its query was used: the model did the work.
        extractive = extractive with
        {
            Result = extractive.Result with
            {
                PromptTokens = extractive.Result.PromptTokens + rewritePromptTokens,
                CompletionTokens = extractive.Result.CompletionTokens + rewriteCompletionTokens,
            },
        };
        if (!extractive.Result.Succeeded || agent.Model is not { } modelName)
        {
            // Nothing relevant was found: a model must not be asked to answer from nothing.
            return extractive.Result;
        }

        string reason;
        try
        {
            var client = _models.GetChatClient(modelName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeoutFor(modelName));
            var written = await _writer.WriteAsync(client, agent, request.Question, extractive.Hits, request.Critique, timeout.Token).ConfigureAwait(false);
            if (written.Result is { } result)
            {
                // The written answer is built from the same search, so it reports the same query.
                // The rewrite's tokens (if the model rewrote the query) are billed with the answer's.
                return result with
                {
                    RetrievalQuery = extractive.Result.RetrievalQuery,
                    PromptTokens = result.PromptTokens + extractive.Result.PromptTokens,
                    CompletionTokens = result.CompletionTokens + extractive.Result.CompletionTokens,
                };
            }

            reason = written.RejectedBecause ?? "the model's answer was rejected";
        }
        catch (Exception ex) when (ModelCallFailure.IsModelFailure(ex, cancellationToken))
        {
            reason = ModelCallFailure.Describe(modelName, ex);
        }

        return extractive.Result with { Fallback = $"extractive answer used: {reason}" };
    }

    /// <summary>
    /// A follow-up searched as the agent's model rewrote it, with the rewrite call's tokens. The
    /// answer is null (so the deterministic rewrite is used) when the model cannot be used, gives
    /// no usable query, or its query finds nothing; the tokens are returned either way.
    /// </summary>
    private async Task<(RetrievalAnswer? Answer, int PromptTokens, int CompletionTokens)> AnswerFromModelRewriteAsync(
        string collection, string modelName, SpecialistRequest request, CancellationToken cancellationToken)
    {
        (string? Query, int PromptTokens, int CompletionTokens) rewrite;
        try
        {
            var client = _models.GetChatClient(modelName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeoutFor(modelName));
            rewrite = await ModelQueryRewriter.RewriteAsync(client, request.Question, request.History, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ModelCallFailure.IsModelFailure(ex, cancellationToken))
        {
            return (null, 0, 0);
        }

        if (rewrite.Query is not { } query)
        {
            return (null, rewrite.PromptTokens, rewrite.CompletionTokens);
        }

        var answer = await _retrieval.AnswerFromCollectionAsync(collection, query, request.ScreenPassages, cancellationToken).ConfigureAwait(false);
        return (answer.Result.Succeeded ? answer with { Result = answer.Result with { RetrievalQuery = query } } : null, rewrite.PromptTokens, rewrite.CompletionTokens);
    }

    private TimeSpan TimeoutFor(string modelName) =>
        _models.Config.Models.TryGetValue(modelName, out var model) && model.TimeoutSeconds is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : GenerationSpecialist.DefaultTimeout;
}
