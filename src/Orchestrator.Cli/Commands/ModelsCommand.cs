using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Models;
using Orchestrator.Pipeline;

namespace Orchestrator.Cli.Commands;

internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("models", "Inspect configured models");
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var check = new Command("check", "Load each configured model and time one tiny generation or embedding") { json };
        check.SetAction(async (parse, ct) =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            CliRuntime.RejectHostModels(config, "models check");
            var results = await new ModelChecker(config, NullLoggerFactory.Instance).CheckAllAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                var rows = results.Select(r => new
                {
                    name = r.Name,
                    provider = r.Provider,
                    status = r.Status.ToString().ToLowerInvariant(),
                    latency_ms = Math.Round(r.LatencyMs, 2),
                    detail = r.Detail,
                });
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { models = rows }, OrchestratorJson.Options)).ConfigureAwait(false);
            }
            else
            {
                foreach (var r in results)
                {
                    var latency = r.Status == ModelCheckStatus.Ok ? r.LatencyMs.ToString("F1", CultureInfo.InvariantCulture) + " ms" : "";
                    await context.Out.WriteLineAsync($"{r.Name,-16} {r.Provider,-16} {r.Status.ToString().ToLowerInvariant(),-13} {latency,-10} {r.Detail}").ConfigureAwait(false);
                }
            }

            // A failing escalation model does not stop the runtime; say what that means for requests.
            foreach (var r in results.Where(r => r.Status != ModelCheckStatus.Ok && (r.Name == config.Escalation.Target || config.Escalation.Fallbacks.Contains(r.Name))))
            {
                var role = r.Name == config.Escalation.Target ? "escalation target" : "escalation fallback";
                await context.Error.WriteLineAsync($"warning: {role} '{r.Name}' is unavailable ({r.Detail}); escalations skip it and degrade to a local answer or a notice when no other model answers").ConfigureAwait(false);
            }

            return results.All(r => r.Status == ModelCheckStatus.Ok) ? ExitCodes.Success : ExitCodes.RuntimeFailure;
        });
        command.Subcommands.Add(check);
        return command;
    }
}
