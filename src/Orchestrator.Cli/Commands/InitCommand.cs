using System.CommandLine;
using Orchestrator.Cli.Scaffold;

namespace Orchestrator.Cli.Commands;

/// <summary><c>init &lt;dir&gt;</c>: scaffolds a working, commented assistant to start from.</summary>
internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var dir = new Argument<string>("dir") { Description = "Folder for the new assistant (created if missing)" };
        var force = new Option<bool>("--force") { Description = "Overwrite files the scaffold would write that already exist" };
        var command = new Command("init", "Create a working assistant to start from: orchestrator.yaml, one retrieval agent, one document, a README") { dir, force };
        command.SetAction(async (parse, ct) =>
        {
            var folder = ScaffoldFolder.Resolve(parse.GetValue(dir), context.WorkingDirectory);
            var written = ScaffoldFolder.Write(folder, parse.GetValue(force));
            var config = Path.Combine(folder, ConfigLocator.DefaultFileName);
            var shown = Path.GetRelativePath(context.WorkingDirectory, config) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)
                ? relative
                : config;
            var quotedConfig = shown.Contains(' ', StringComparison.Ordinal) ? $"\"{shown}\"" : shown;

            var lines = new List<string> { $"created an assistant in {folder}:" };
            lines.AddRange(written.Select(f => "  " + f));
            lines.Add("");
            lines.Add("next:");
            lines.Add($"  orchestrator --config {quotedConfig} agents validate");
            lines.Add($"  orchestrator --config {quotedConfig} ask \"{ScaffoldTemplate.SampleQuestion}\"");
            lines.Add($"  (or cd into the folder and drop --config); see {Path.Combine(folder, "README.md")}");
            foreach (var line in lines)
            {
                await context.Out.WriteLineAsync(line.AsMemory(), ct).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
