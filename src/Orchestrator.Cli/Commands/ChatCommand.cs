using System.CommandLine;
using Orchestrator.Pipeline;

namespace Orchestrator.Cli.Commands;

internal static class ChatCommand
{
    public const string ExitCommand = "/exit";

    public static Command Create(CliContext context)
    {
        var input = context.In;
        var command = new Command("chat", $"Interactive multi-turn session; {ExitCommand} leaves");
        command.SetAction(async (parse, ct) =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            await using var runtime = await CliRuntime.StartAsync(context, config, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Ask a question; {ExitCommand} leaves.").ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                await context.Error.WriteAsync("> ").ConfigureAwait(false);
                var line = await input.ReadLineAsync(ct).ConfigureAwait(false);
                if (line is null || line.Trim().Equals(ExitCommand, StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    var response = await runtime.Pipeline.AskAsync(new OrchestratorRequest(line), ct).ConfigureAwait(false);
                    AnswerPrinter.WriteHuman(context.Out, response);
                }
                catch (InvalidRequestException ex)
                {
                    // One bad turn must not end the session.
                    await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
