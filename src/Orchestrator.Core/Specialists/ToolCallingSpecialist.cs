using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.Pipeline;
using Orchestrator.Tools;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Specialists;

/// <summary>
/// Serves tool agents. An agent may only use the tools it lists. With a chat model (from the
/// resolver) the model calls tools through <see cref="FunctionCallingLoop"/>; without one, the
/// deterministic planner picks a tool by embedding similarity and extracts its arguments.
/// Missing required arguments produce a follow-up question (Succeeded, no tool calls): asking is a
/// correct answer, so the pipeline should neither escalate nor reject it. Argument and domain
/// errors are answered in plain language; only a broken tool or no fitting tool is a failure.
/// </summary>
public sealed class ToolCallingSpecialist : ISpecialist
{
    private readonly ToolRegistry _registry;
    private readonly Func<AgentDefinition, IChatClient?> _chatClientResolver;
    private readonly ToolExecutor _executor;
    private readonly DeterministicToolPlanner _planner;
    private readonly FunctionCallingLoop _loop;

    public ToolCallingSpecialist(
        ToolRegistry registry,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        Func<AgentDefinition, IChatClient?>? chatClientResolver = null,
        ToolCallingOptions? options = null,
        ILogger? logger = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        ArgumentNullException.ThrowIfNull(embedder);
        var resolved = options ?? new ToolCallingOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(resolved.MaxIterations, 1);
        _chatClientResolver = chatClientResolver ?? (_ => null);
        _executor = new ToolExecutor(logger);
        _planner = new DeterministicToolPlanner(new ToolSelector(embedder, resolved.Selection));
        _loop = new FunctionCallingLoop(_executor, resolved);
    }

    public async Task<SpecialistResult> AnswerAsync(SpecialistRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agent = request.Agent;
        var tools = _registry.ForAgent(agent.Tools);
        if (tools.Count == 0)
        {
            var reasons = _registry.UnavailableReasons(agent.Tools);
            return SpecialistResult.Failed($"Agent '{agent.Name}' lists no registered tools.{(reasons.Count > 0 ? " " + string.Join(" ", reasons) : "")}");
        }

        if (string.IsNullOrWhiteSpace(request.Question))
        {
            return SpecialistResult.Failed("The request is empty.");
        }

        var client = _chatClientResolver(agent);
        return client is not null
            ? await _loop.RunAsync(client, request.Question, tools, cancellationToken).ConfigureAwait(false)
            : await AnswerDeterministicallyAsync(request.Question, WithAgentExamples(tools, agent), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An agent with a single tool serves every request it was written for through that tool, so its
    /// route examples are evidence for the tool too; with several tools they cannot be attributed.
    /// </summary>
    private static IReadOnlyList<ToolDescriptor> WithAgentExamples(IReadOnlyList<ToolDescriptor> tools, AgentDefinition agent) =>
        tools.Count == 1 && agent.Examples.Count > 0
            ? [tools[0] with { Examples = [.. tools[0].Examples, .. agent.Examples] }]
            : tools;

    private async Task<SpecialistResult> AnswerDeterministicallyAsync(string question, IReadOnlyList<ToolDescriptor> tools, CancellationToken cancellationToken)
    {
        var plan = await _planner.PlanAsync(question, tools, cancellationToken).ConfigureAwait(false);
        switch (plan.Kind)
        {
            case ToolPlanKind.NoFit:
                return SpecialistResult.Failed(FormattableString.Invariant(
                    $"No tool fits this request (fit {plan.FitProbability:F2} < {_planner.Selector.Options.MinFitProbability:F2}, best similarity {plan.Score:F2}); tools offered: {string.Join(", ", tools.Select(t => t.Name))}."));
            case ToolPlanKind.NeedsInput:
                return new SpecialistResult { Succeeded = true, Answer = FollowUpQuestion.For(plan.Tool!, plan.Missing) };
        }

        var tool = plan.Tool!;
        var arguments = ArgumentExtractor.ToElement(plan.Arguments);
        var outcome = await _executor.ExecuteAsync(tool, arguments, cancellationToken).ConfigureAwait(false);
        var call = new ToolCallInfo(tool.Name, FunctionCallingLoop.ToDictionary(arguments), outcome.Result, outcome.Ok);
        if (outcome.Ok)
        {
            return new SpecialistResult { Succeeded = true, Answer = outcome.Result, ToolCalls = [call], Evidence = FunctionCallingLoop.ToolEvidence([call]) };
        }

        return outcome.Rejected
            ? new SpecialistResult { Succeeded = true, Answer = $"I could not {ToolSelector.Humanize(tool.Name)}: {outcome.Result["error: ".Length..]}.", ToolCalls = [call] }
            : new SpecialistResult { Succeeded = false, ToolCalls = [call], FailureReason = $"The tool '{tool.Name}' failed." };
    }
}
