using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.Tools;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Specialists;

/// <summary>
/// Serves tool agents. An agent may only use the tools it lists. With a chat model (from the
/// resolver) the model calls tools through <see cref="FunctionCallingLoop"/>; without one, the
/// deterministic planner picks a tool by embedding similarity and extracts its arguments.
/// Every call passes <see cref="ToolCallGate"/> first (personal data, side effects, confirmation);
/// a stopped call is answered in plain language and shown in <c>tool_calls</c> with its status.
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
    private readonly ToolPolicies _policies;
    private readonly ToolConfirmations _confirmations;

    public ToolCallingSpecialist(
        ToolRegistry registry,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        Func<AgentDefinition, IChatClient?>? chatClientResolver = null,
        ToolCallingOptions? options = null,
        ILogger? logger = null,
        ToolPolicies? policies = null,
        ToolConfirmations? confirmations = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        ArgumentNullException.ThrowIfNull(embedder);
        var resolved = options ?? new ToolCallingOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(resolved.MaxIterations, 1);
        _chatClientResolver = chatClientResolver ?? (_ => null);
        _executor = new ToolExecutor(logger);
        _planner = new DeterministicToolPlanner(new ToolSelector(embedder, resolved.Selection));
        _loop = new FunctionCallingLoop(_executor, resolved);
        _policies = policies ?? new ToolPolicies();
        _confirmations = confirmations ?? new ToolConfirmations();
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

        var gate = new ToolCallGate(_policies, request.Caller, request.RouteIsTentative, _confirmations, agent.Name);
        if (ConfirmationReply.Parse(request.Question) is { } yes && ToolConfirmations.LatestToken(request.History) is { } token)
        {
            return await AnswerConfirmationAsync(yes, token, tools, gate, agent, cancellationToken).ConfigureAwait(false);
        }

        var client = _chatClientResolver(agent);
        return client is not null
            ? await _loop.RunAsync(client, request.Question, tools, gate, cancellationToken).ConfigureAwait(false)
            : await AnswerDeterministicallyAsync(request.Question, WithAgentExamples(tools, agent), gate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An agent with a single tool serves every request it was written for through that tool, so its
    /// route examples are evidence for the tool too; with several tools they cannot be attributed.
    /// </summary>
    /// <remarks>
    /// The merged descriptor is kept per agent while its tool and examples are the same instances, so
    /// every request sees one descriptor and the selector's per-descriptor text features
    /// (<see cref="ToolTextFeatures"/>) are computed once, not per request (docs/benchmarks.md, "perf20").
    /// </remarks>
    internal static IReadOnlyList<ToolDescriptor> WithAgentExamples(IReadOnlyList<ToolDescriptor> tools, AgentDefinition agent)
    {
        if (tools.Count != 1 || agent.Examples.Count == 0)
        {
            return tools;
        }

        if (MergedTools.TryGetValue(agent, out var kept) && kept.Matches(tools[0], agent.Examples))
        {
            return [kept.Tool];
        }

        var merged = new MergedTool(tools[0], agent.Examples, agent.Examples.Count, tools[0] with { Examples = [.. tools[0].Examples, .. agent.Examples] });
        MergedTools.AddOrUpdate(agent, merged);
        return [merged.Tool];
    }

    private static readonly ConditionalWeakTable<AgentDefinition, MergedTool> MergedTools = new();

    /// <summary>A single-tool agent's tool with the agent's examples, and what it was made from.</summary>
    private sealed record MergedTool(ToolDescriptor Source, IReadOnlyList<string> AgentExamples, int AgentExampleCount, ToolDescriptor Tool)
    {
        public bool Matches(ToolDescriptor source, IReadOnlyList<string> agentExamples) =>
            ReferenceEquals(Source, source) && ReferenceEquals(AgentExamples, agentExamples) && AgentExampleCount == agentExamples.Count;
    }

    /// <summary>"yes" or "no" to the proposal in the latest assistant turn: run exactly the signed call, or drop it.</summary>
    private async Task<SpecialistResult> AnswerConfirmationAsync(
        bool yes, string token, IReadOnlyList<ToolDescriptor> tools, ToolCallGate gate, AgentDefinition agent, CancellationToken cancellationToken)
    {
        var proposed = _confirmations.Verify(token, agent.Name, gate.Caller, consume: yes, out var problem);
        var tool = proposed is null ? null : tools.FirstOrDefault(t => t.Name == proposed.Tool);
        if (proposed is null || tool is null)
        {
            // A valid proposal whose tool went away since (an MCP server dropped it from its list) is not "expired or changed".
            var answer = !yes ? "OK, I did nothing." : proposed is null ? problem : $"I can't {ToolActionPhrase.ForName(proposed.Tool)} any more: that tool is no longer available, so I did nothing.";
            return new SpecialistResult { Succeeded = true, Answer = answer };
        }

        var arguments = FunctionCallingLoop.ToDictionary(ArgumentExtractor.ToElement(proposed.Arguments));
        if (!yes)
        {
            var cancelled = new ToolCallInfo(tool.Name, arguments, null, false) { Status = ToolCallStatus.Cancelled };
            return new SpecialistResult { Succeeded = true, Answer = $"OK, I did not {ToolActionPhrase.For(tool)}.", ToolCalls = [cancelled] };
        }

        // The caller and route are checked again: confirming cannot grant what asking could not.
        var decision = gate.Check(tool, proposed.Arguments, confirmed: true);
        return decision.Outcome == ToolGateOutcome.Run
            ? await RunAsync(tool, decision.Arguments, gate, cancellationToken).ConfigureAwait(false)
            : gate.Stopped(tool, decision, []);
    }

    private async Task<SpecialistResult> AnswerDeterministicallyAsync(string question, IReadOnlyList<ToolDescriptor> tools, ToolCallGate gate, CancellationToken cancellationToken)
    {
        var plan = await _planner.PlanAsync(question, tools, cancellationToken).ConfigureAwait(false);
        if (plan.Kind == ToolPlanKind.NoFit)
        {
            return SpecialistResult.Failed(FormattableString.Invariant(
                $"No tool fits this request (fit {plan.FitProbability:F2} < {_planner.Selector.Options.MinFitProbability:F2}, best similarity {plan.Score:F2}); tools offered: {string.Join(", ", tools.Select(t => t.Name))}."));
        }

        var tool = plan.Tool!;
        var missing = plan.Missing;
        if (gate.PolicyFor(tool).Personal is { } personal && missing.Contains(personal.SubjectArgument))
        {
            // "my leave balance": the gate fills the subject with the caller's id, or refuses an anonymous caller.
            var filled = gate.Check(tool, plan.Arguments);
            if (filled.Outcome == ToolGateOutcome.Refused)
            {
                return gate.Stopped(tool, filled, []);
            }

            missing = [.. missing.Where(m => !plan.Arguments.ContainsKey(m))];
        }

        if (missing.Count > 0)
        {
            return new SpecialistResult { Succeeded = true, Answer = FollowUpQuestion.For(tool, missing) };
        }

        var decision = gate.Check(tool, plan.Arguments);
        return decision.Outcome == ToolGateOutcome.Run
            ? await RunAsync(tool, decision.Arguments, gate, cancellationToken).ConfigureAwait(false)
            : gate.Stopped(tool, decision, []);
    }

    private async Task<SpecialistResult> RunAsync(ToolDescriptor tool, JsonObject argumentObject, ToolCallGate gate, CancellationToken cancellationToken)
    {
        var arguments = ArgumentExtractor.ToElement(argumentObject);
        var outcome = await _executor.ExecuteAsync(tool, arguments, gate.Caller, cancellationToken).ConfigureAwait(false);
        var call = new ToolCallInfo(tool.Name, FunctionCallingLoop.ToDictionary(arguments), outcome.Result, outcome.Ok);
        if (outcome.Ok)
        {
            return new SpecialistResult { Succeeded = true, Answer = outcome.Result, ToolCalls = [call], Evidence = FunctionCallingLoop.ToolEvidence([call]) };
        }

        return outcome.Rejected
            ? new SpecialistResult { Succeeded = true, Answer = $"I could not {ToolActionPhrase.For(tool)}: {outcome.Result["error: ".Length..]}.", ToolCalls = [call] }
            : new SpecialistResult { Succeeded = false, ToolCalls = [call], FailureReason = $"The tool '{tool.Name}' failed." };
    }
}
