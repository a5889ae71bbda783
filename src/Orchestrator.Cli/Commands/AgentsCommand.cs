using System.CommandLine;
using Orchestrator.Configuration;
using Spectre.Console;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Cli.Commands;

internal static class AgentsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("agents", "List, validate or test agent definitions");
        command.Subcommands.Add(CreateList(context));
        command.Subcommands.Add(CreateValidate(context));
        command.Subcommands.Add(AgentsTestCommand.Create(context));
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var command = new Command("list", "List the configured agents");
        command.SetAction(parse =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            var table = new Table().AddColumns("agent", "kind", "knowledge / model", "examples", "escalation", "description");
            foreach (var a in config.Agents)
            {
                var source = string.Join(" / ", new[] { a.Knowledge, a.Model }.Where(s => s is not null));
                var escalation = !a.Escalation.Allowed ? "never" : a.Escalation.Always ? "always" : "allowed";
                table.AddRow(Markup.Escape(a.Name), a.Kind.ToString().ToLowerInvariant(), Markup.Escape(source), a.Examples.Count.ToString(), escalation, Markup.Escape(a.Description));
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
            console.Profile.Width = 160;
            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateValidate(CliContext context)
    {
        var path = new Option<string?>("--path") { Description = "Validate this agents folder instead of the configuration's" };
        var command = new Command("validate", "Check the configuration and agent files; one file:line: problem per error") { path };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(path);
            ConfigLoadResult result;
            if (folder is not null)
            {
                var full = Path.GetFullPath(folder, context.WorkingDirectory);
                if (!Directory.Exists(full))
                {
                    throw new UsageException($"--path: folder '{folder}' not found; pass a folder of agent YAML files");
                }

                result = ConfigLoader.ValidateAgentsFolder(full, BuiltInTools.ValidationContext());
            }
            else
            {
                result = ConfigLoader.Load(CliRuntime.ConfigPath(context, parse), BuiltInTools.ValidationContext());
            }

            foreach (var error in result.Errors)
            {
                context.Out.WriteLine(error.ToString());
            }

            foreach (var warning in result.Warnings)
            {
                context.Error.WriteLine($"warning: {warning}");
            }

            if (result.Errors.Count > 0)
            {
                context.Error.WriteLine($"{result.Errors.Count} error(s)");
                return ExitCodes.BadInput;
            }

            context.Error.WriteLine($"ok: {result.Agents.Count} agent(s) valid");
            return ExitCodes.Success;
        });
        return command;
    }
}
