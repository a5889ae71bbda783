using System.CommandLine;
using Orchestrator.Cli.Commands;
using Orchestrator.Pipeline;

namespace Orchestrator.Cli;

/// <summary>
/// The <c>orchestrator</c> command line. stdout carries answers and JSON; stderr carries logs,
/// progress and errors. Exit codes: 0 success, 1 runtime failure, 2 bad usage or input.
/// </summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext(stdout, stderr, Console.In, Environment.CurrentDirectory), cancellationToken);

    internal static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var (stdout, stderr) = (context.Out, context.Error);
        var root = BuildRootCommand(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("run 'orchestrator --help' for usage").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is UsageException or InvalidRequestException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("cancelled").ConfigureAwait(false);
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception ex) when (CliErrors.IsUserFacing(ex, out var message, out var exitCode))
        {
            await stderr.WriteLineAsync($"error: {message}").ConfigureAwait(false);
            return exitCode;
        }
    }

    internal static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand("Orchestrator: small specialist models first, a guardian on every answer, escalation with a record of why.");
        root.Options.Add(CliOptions.Config);
        root.Subcommands.Add(InitCommand.Create(context));
        root.Subcommands.Add(AskCommand.Create(context));
        root.Subcommands.Add(ChatCommand.Create(context));
        root.Subcommands.Add(IngestCommand.Create(context));
        root.Subcommands.Add(AgentsCommand.Create(context));
        root.Subcommands.Add(ModelsCommand.Create(context));
        root.Subcommands.Add(EvalCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(KeysCommand.Create(context));
        root.Subcommands.Add(GuardianCommand.Create(context));
        return root;
    }
}

/// <summary>Where a command writes and which folder it runs in; tests pass their own writers.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TextReader In, string WorkingDirectory);

internal static class CliOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Configuration file (default: ./orchestrator.yaml; inside an Orchestrator checkout, else samples/enterprise-assistant/orchestrator.yaml)",
        Recursive = true,
    };
}
