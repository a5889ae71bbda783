using Orchestrator.Models;

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

        var extractive = await _retrieval.AnswerFromCollectionAsync(agent.Knowledge, request.Question, request.History, cancellationToken).ConfigureAwait(false);
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
                return result;
            }

            reason = written.RejectedBecause ?? "the model's answer was rejected";
        }
        catch (Exception ex) when (ModelCallFailure.IsModelFailure(ex, cancellationToken))
        {
            reason = ModelCallFailure.Describe(modelName, ex);
        }

        return extractive.Result with { Fallback = $"extractive answer used: {reason}" };
    }

    private TimeSpan TimeoutFor(string modelName) =>
        _models.Config.Models.TryGetValue(modelName, out var model) && model.TimeoutSeconds is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : GenerationSpecialist.DefaultTimeout;
}
