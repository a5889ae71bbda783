using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tools;

/// <summary>
/// Applies the tool policies to one proposed call before anything runs, in this order: personal data
/// (anonymous callers get none; others only their own unless a role allows more; a missing subject
/// defaults to the caller), then side effects (never on a guessed route; a meaningless free-text value
/// is asked for), then confirmation. The same gate serves the deterministic planner and a chat model.
/// </summary>
public sealed class ToolCallGate(ToolPolicies policies, CallerIdentity caller, bool routeIsTentative, ToolConfirmations? confirmations = null, string agent = "")
{
    public CallerIdentity Caller { get; } = caller ?? CallerIdentity.Anonymous;

    public ToolPolicy PolicyFor(ToolDescriptor tool) => policies.For(tool);

    /// <summary>Decides for <paramref name="tool"/> with <paramref name="arguments"/>; <paramref name="confirmed"/> skips the confirmation step.</summary>
    public ToolGateDecision Check(ToolDescriptor tool, JsonObject arguments, bool confirmed = false)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(arguments);
        var policy = policies.For(tool);
        if (policy.Personal is { } personal && CheckPersonal(tool, personal, arguments) is { } refusal)
        {
            return refusal;
        }

        if (!policy.Acts)
        {
            return new ToolGateDecision(ToolGateOutcome.Run, arguments);
        }

        if (routeIsTentative)
        {
            // Worded only when it is said: most calls run, and the wording allocates.
            var action = ToolActionPhrase.For(tool);
            return new ToolGateDecision(ToolGateOutcome.NotRun, arguments,
                $"I'm not sure you want me to {action}, so I did not do it. If you do, ask me directly, e.g. \"{Example(tool, action)}\".");
        }

        if (!confirmed)
        {
            var meaningless = InstructionOnlyText.MeaninglessRequired(tool, arguments);
            if (meaningless.Count > 0)
            {
                return new ToolGateDecision(ToolGateOutcome.NeedsInput, arguments, FollowUpQuestion.For(tool, meaningless)) { Missing = meaningless };
            }

            if (policy.Confirm)
            {
                return new ToolGateDecision(ToolGateOutcome.Confirm, arguments);
            }
        }

        return new ToolGateDecision(ToolGateOutcome.Run, arguments);
    }

    /// <summary>
    /// The answer for a call the gate stopped: the refusal or question, or for a call that needs
    /// confirmation the proposal with its signed token. <paramref name="earlier"/> are calls already made.
    /// </summary>
    public SpecialistResult Stopped(ToolDescriptor tool, ToolGateDecision decision, IReadOnlyList<ToolCallInfo> earlier)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(decision);
        var answer = decision.Outcome == ToolGateOutcome.Confirm ? Proposal(tool, decision.Arguments) : decision.Message;
        var call = new ToolCallInfo(tool.Name, FunctionCallingLoop.ToDictionary(Deterministic.ArgumentExtractor.ToElement(decision.Arguments)),
            decision.Outcome == ToolGateOutcome.Confirm ? null : decision.Message, false) { Status = decision.Status };
        List<ToolCallInfo> calls = [.. earlier, call];
        return new SpecialistResult { Succeeded = true, Answer = answer, ToolCalls = calls, Evidence = FunctionCallingLoop.ToolEvidence(earlier) };
    }

    private string Proposal(ToolDescriptor tool, JsonObject arguments)
    {
        var signer = confirmations ?? throw new InvalidOperationException("confirmation needs a ToolConfirmations signer");
        var shown = string.Join(", ", arguments.Select(a => $"{ToolActionPhrase.Label(a.Key)} {Show(a.Value)}"));
        var token = signer.Sign(new ProposedToolCall(tool.Name, arguments), agent, Caller);
        return $"I'm ready to {ToolActionPhrase.For(tool)}{(shown.Length > 0 ? " with " + shown : "")}. Reply \"yes\" to confirm or \"no\" to cancel. {token}";
    }

    private static string Show(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? $"\"{text}\"" : value?.ToJsonString() ?? "null";

    /// <summary>Parses a model's arguments into an object the gate can fill; non-objects become empty (the schema check rejects them).</summary>
    public static JsonObject ToObject(JsonElement arguments) =>
        arguments.ValueKind == JsonValueKind.Object ? JsonObject.Create(arguments.Clone()) ?? [] : [];

    private ToolGateDecision? CheckPersonal(ToolDescriptor tool, PersonalDataPolicy personal, JsonObject arguments)
    {
        if (Caller.IsAnonymous)
        {
            return new ToolGateDecision(ToolGateOutcome.Refused, arguments,
                $"I can't {ToolActionPhrase.For(tool)} without knowing who you are: it is personal data. Sign in (an API key or account that names your user) and ask again.");
        }

        var subject = arguments[personal.SubjectArgument] is JsonValue value ? value.ToString().Trim() : null;
        if (string.IsNullOrEmpty(subject))
        {
            // "my leave balance": the caller's own records.
            arguments[personal.SubjectArgument] = Caller.UserId!.Trim();
            return null;
        }

        if (string.Equals(subject, Caller.UserId!.Trim(), StringComparison.OrdinalIgnoreCase) || personal.RolesAllowedAll.Any(Caller.HasRole))
        {
            return null;
        }

        return new ToolGateDecision(ToolGateOutcome.Refused, arguments,
            $"I can only {ToolActionPhrase.For(tool)} for you, not for someone else: that is their personal data. Ask someone with access{(personal.RolesAllowedAll.Count > 0 ? $" (role {string.Join(" or ", personal.RolesAllowedAll)})" : "")}.");
    }

    private static string Example(ToolDescriptor tool, string action) =>
        tool.Examples.FirstOrDefault(e => e.Length <= 80) ?? action;
}
