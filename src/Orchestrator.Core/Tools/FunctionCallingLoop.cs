using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestrator.Pipeline;
using Orchestrator.Retrieval;
using Orchestrator.Specialists;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tools;

/// <summary>
/// Function calling with a chat model, as a manual loop rather than FunctionInvokingChatClient so
/// every call passes <see cref="ToolExecutor"/> (schema validation first), errors go back to the
/// model as the tool's result, each call is recorded, and the number of round trips is capped.
/// The model is offered declarations only, so no client middleware can run a tool on its own.
/// </summary>
public sealed class FunctionCallingLoop(ToolExecutor executor, ToolCallingOptions options)
{
    public Task<SpecialistResult> RunAsync(IChatClient client, string question, IReadOnlyList<ToolDescriptor> tools, CancellationToken cancellationToken) =>
        RunAsync(client, question, tools, gate: null, cancellationToken);

    /// <summary>
    /// As above, with every requested call passed through <paramref name="gate"/> first: a call it stops
    /// (refused, guessed route, meaningless argument, needs confirmation) ends the loop with the gate's
    /// answer, so a model cannot talk its way past a policy.
    /// </summary>
    public async Task<SpecialistResult> RunAsync(IChatClient client, string question, IReadOnlyList<ToolDescriptor> tools, ToolCallGate? gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var byName = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var chatOptions = new ChatOptions { Tools = [.. tools.Select(t => (AITool)t.Declaration)], ToolMode = ChatToolMode.Auto };
        List<ChatMessage> messages = [new(ChatRole.System, SystemPrompt(gate)), new(ChatRole.User, question)];
        var calls = new List<ToolCallInfo>();

        for (var round = 0; round < options.MaxIterations; round++)
        {
            var response = await client.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
            messages.AddMessages(response);
            var requested = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (requested.Count == 0)
            {
                var answer = response.Text.Trim();
                return new SpecialistResult
                {
                    Succeeded = answer.Length > 0,
                    Answer = answer,
                    ToolCalls = calls,
                    Evidence = ToolEvidence(calls),
                    FailureReason = answer.Length > 0 ? null : "The model returned an empty answer.",
                };
            }

            var results = new List<AIContent>();
            foreach (var call in requested)
            {
                var arguments = JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions);
                var known = byName.TryGetValue(call.Name, out var tool);
                if (known && call.Exception is null && gate is not null)
                {
                    var decision = gate.Check(tool!, ToolCallGate.ToObject(arguments));
                    if (decision.Outcome != ToolGateOutcome.Run)
                    {
                        return gate.Stopped(tool!, decision, calls);
                    }

                    arguments = ArgumentExtractor.ToElement(decision.Arguments);
                }

                var outcome = (known, call.Exception) switch
                {
                    (_, not null) => new ToolOutcome(false, "error: the arguments were not valid JSON", Rejected: true),
                    (true, _) => await executor.ExecuteAsync(tool!, arguments, gate?.Caller, cancellationToken).ConfigureAwait(false),
                    _ => new ToolOutcome(false, $"error: no tool named '{call.Name}' is available; use one of {string.Join(", ", byName.Keys)}", Rejected: true),
                };
                calls.Add(new ToolCallInfo(call.Name, ToDictionary(arguments), outcome.Result, outcome.Ok));
                results.Add(new FunctionResultContent(call.CallId, outcome.Result));
            }

            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }

        return new SpecialistResult
        {
            Succeeded = false,
            ToolCalls = calls,
            FailureReason = $"The model was still calling tools after {options.MaxIterations} rounds; stopped without an answer.",
        };
    }

    /// <summary>The system prompt, with the signed-in user's id so the model can fill "my ..." requests.</summary>
    private string SystemPrompt(ToolCallGate? gate) =>
        gate is { Caller.IsAnonymous: false } ? $"{options.SystemPrompt} The signed-in user's id is {gate.Caller.UserId}; use it when they ask about their own records." : options.SystemPrompt;

    /// <summary>Successful tool results as passages, so the guardian's groundedness check can hold a model's answer to them.</summary>
    internal static IReadOnlyList<Passage> ToolEvidence(IReadOnlyList<ToolCallInfo> calls) =>
        calls.Select((c, i) => (c, i)).Where(x => x.c.Ok && !string.IsNullOrEmpty(x.c.Result))
            .Select(x => new Passage { ChunkId = $"tool:{x.c.Name}:{x.i + 1}", Text = x.c.Result!, Source = "tool:" + x.c.Name, Locator = $"call {x.i + 1}" })
            .ToList();

    /// <summary>Arguments as plain JSON values for the response, whatever the model sent.</summary>
    internal static IReadOnlyDictionary<string, object?> ToDictionary(JsonElement arguments) =>
        arguments.ValueKind == JsonValueKind.Object
            ? arguments.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
}
