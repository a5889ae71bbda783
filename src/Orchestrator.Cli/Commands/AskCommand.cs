using System.CommandLine;
using Orchestrator.Pipeline;

namespace Orchestrator.Cli.Commands;

internal static class AskCommand
{
    public static Command Create(CliContext context)
    {
        var text = new Argument<string>("text") { Description = "The question or request" };
        var agent = new Option<string?>("--agent") { Description = "Skip the router and use this agent" };
        var json = new Option<bool>("--json") { Description = "Print exactly one OrchestratorResponse JSON object" };
        var escalate = new Option<bool>("--escalate") { Description = "Ask the configured cloud model (escalation.target); same as --agent <target>" };
        var stream = new Option<bool>("--stream") { Description = "Print the answer as it is generated, then the summary (not with --json)" };
        var command = new Command("ask", "Answer one request") { text, agent, json, escalate, stream };
        var caller = new CallerOptions();
        caller.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(json) && parse.GetValue(stream))
            {
                // --json promises exactly one JSON object on stdout; streamed text would break that.
                throw new UsageException("--json and --stream cannot be combined: --json prints one complete JSON object. Drop --stream for JSON, or --json to see the answer as it is generated.");
            }

            var config = CliRuntime.LoadConfig(context, parse);
            var identity = caller.Resolve(parse);

            // Validate before the (slow) start-up so bad input fails fast with exit code 2.
            var question = RequestValidator.Validate(parse.GetValue(text), config.Limits);
            var agentName = parse.GetValue(agent);
            var requested = parse.GetValue(escalate);
            if (agentName is not null && config.FindAgent(agentName) is null && string.Equals(agentName, config.Escalation.Target, StringComparison.OrdinalIgnoreCase))
            {
                // --agent cloud names the escalation target: route as usual, then ask the cloud.
                (agentName, requested) = (null, true);
            }

            if (requested && config.Escalation.Target is null)
            {
                throw new UsageException("--escalate: no cloud model is configured; set escalation.target in the configuration to a model under models");
            }

            if (agentName is not null && config.FindAgent(agentName) is null)
            {
                var cloudHint = config.Escalation.Target is { } target ? $", or '{target}' (the escalation target)" : "";
                throw new UsageException($"--agent: unknown agent '{agentName}'; expected one of: {string.Join(", ", config.Agents.Select(a => a.Name))}{cloudHint}");
            }

            await using var runtime = await CliRuntime.StartAsync(context, config, ct).ConfigureAwait(false);
            var request = new OrchestratorRequest(question, agentName) { EscalationRequested = requested, Caller = identity };
            if (parse.GetValue(stream))
            {
                var streamed = await StreamingAnswerPrinter.WriteAsync(context, runtime.Pipeline.StreamAsync(request, ct), ct).ConfigureAwait(false);
                return streamed is null ? ExitCodes.RuntimeFailure : ExitCodes.Success;
            }

            var response = await runtime.Pipeline.AskAsync(request, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                AnswerPrinter.WriteJson(context.Out, response);
            }
            else
            {
                AnswerPrinter.WriteHuman(context.Out, response);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
