using System.CommandLine;
using Orchestrator.Pipeline;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>chat</c>: answers stream as they are generated, and each request carries the last turns of
/// the session (<see cref="ChatHistory"/>) so follow-up questions can refer back.
/// </summary>
internal static class ChatCommand
{
    public const string ExitCommand = "/exit";

    public static Command Create(CliContext context)
    {
        var input = context.In;
        var command = new Command("chat", $"Interactive multi-turn session; {ExitCommand} leaves");
        var caller = new CallerOptions();
        caller.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            await using var runtime = await CliRuntime.StartAsync(context, config, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Ask a question; {ExitCommand} leaves.").ConfigureAwait(false);
            var history = new ChatHistory { Caller = caller.Resolve(parse) };
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
                    var response = await StreamingAnswerPrinter.WriteAsync(context, runtime.Pipeline.StreamAsync(history.Request(line), ct), ct).ConfigureAwait(false);
                    if (response is not null)
                    {
                        // A broken answer stays out of the history: the next turn must not build on half a reply.
                        history.Add(line, response.Answer);
                    }
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
