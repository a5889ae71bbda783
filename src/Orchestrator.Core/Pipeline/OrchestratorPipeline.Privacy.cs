using Orchestrator.Configuration;
using Orchestrator.Escalation;

namespace Orchestrator.Pipeline;

/// <summary>What may leave the machine when a request escalates, and which answers may later follow it.</summary>
public sealed partial class OrchestratorPipeline
{
    /// <summary>Stands in for an earlier assistant turn that must not leave the machine, so the turn order stays readable.</summary>
    internal const string WithheldTurn = "[An earlier answer was given locally from private data and is withheld.]";

    private readonly CloudSafeAnswers _cloudSafe;

    /// <summary>
    /// The agent whose settings govern escalation: none for an out-of-scope request, whose route is
    /// only the router's best rejected guess (a never_escalate agent there must not refuse a question
    /// it does not handle).
    /// </summary>
    private static AgentDefinition? EscalationAgent(LocalStage local) => local.Decision.OutOfScope ? null : local.Agent;

    /// <summary>
    /// The query for the cloud: the question, the user's own turns, assistant turns only when they
    /// were cloud-safe answers (see <see cref="CloudSafeAnswers"/>), and the local evidence only when
    /// its agent may escalate, without tool results.
    /// </summary>
    private CloudQuery CloudQueryFor(OrchestratorRequest request, string text, LocalStage local)
    {
        var history = request.History
            .Select(turn => turn.Role != ConversationTurn.Assistant || _cloudSafe.IsCloudSafe(request.ResolvedTenant, turn.Text)
                ? turn
                : turn with { Text = WithheldTurn })
            .ToList();
        var evidence = local.Agent is { Escalation.Allowed: true, Kind: not AgentKind.Tool } && local.Result is { ToolCalls.Count: 0 } result
            ? [.. result.Evidence.Where(p => !p.Source.StartsWith("tool:", StringComparison.Ordinal))]
            : Array.Empty<Passage>();
        return new CloudQuery(text, history, evidence, request.ResolvedTenant);
    }

    /// <summary>
    /// Records the answer as cloud-safe when it may be sent back to the cloud as history: a cloud
    /// answer, or a local one from an agent that may escalate and used no tool. Answers of
    /// never_escalate agents, tool answers and notices are never recorded, so they stay local.
    /// </summary>
    private void RememberIfCloudSafe(OrchestratorRequest request, LocalStage local, OrchestratorResponse response)
    {
        var cloudSafe = response.Escalation.Performed
            || (local.Agent is { Escalation.Allowed: true, Kind: not AgentKind.Tool } && !local.Decision.OutOfScope
                && local.Result is { ToolCalls.Count: 0 } && response.ToolCalls.Count == 0 && !response.Escalation.Needed);
        if (cloudSafe)
        {
            _cloudSafe.Remember(request.ResolvedTenant, response.Answer);
        }
    }
}
