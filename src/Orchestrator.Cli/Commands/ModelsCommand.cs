using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Agents;
using Orchestrator.Models;
using Orchestrator.Pipeline;

namespace Orchestrator.Cli.Commands;

internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("models", "Inspect configured models");
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var check = new Command("check", "Load each configured model and time one tiny call") { json };
        check.SetAction(async (parse, ct) =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            var results = new List<ModelCheckResult>();
            foreach (var model in config.Models.Values)
            {
                results.Add(await CheckAsync(config, model, ct).ConfigureAwait(false));
            }

            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { models = results }, OrchestratorJson.Options)).ConfigureAwait(false);
            }
            else
            {
                foreach (var r in results)
                {
                    await context.Out.WriteLineAsync($"{r.Name,-16} {r.Provider,-16} {r.Status,-12} {(r.LatencyMs is { } ms ? $"{ms:F1} ms" : "")} {r.Detail}").ConfigureAwait(false);
                }
            }

            return results.All(r => r.Status == "ok") ? ExitCodes.Success : ExitCodes.RuntimeFailure;
        });
        command.Subcommands.Add(check);
        return command;
    }

    private static async Task<ModelCheckResult> CheckAsync(OrchestratorConfig config, ModelConfig model, CancellationToken ct)
    {
        if (!model.IsEmbedder)
        {
            return new ModelCheckResult(model.Name, model.Provider, "unsupported", null, "generative providers arrive with the model-provider issue; this build cannot load them");
        }

        try
        {
            var load = Stopwatch.StartNew();
            using var embedder = ModelFactory.CreateEmbedder(config, model.Name);
            await embedder.EmbedOneAsync("warm-up", ct).ConfigureAwait(false);
            load.Stop();
            var call = Stopwatch.StartNew();
            var vector = await embedder.EmbedOneAsync("How many vacation days do I get?", ct).ConfigureAwait(false);
            call.Stop();
            return new ModelCheckResult(model.Name, model.Provider, "ok", call.Elapsed.TotalMilliseconds, $"{vector.Length}-dimension embedding; loaded in {load.Elapsed.TotalMilliseconds:F0} ms");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ModelCheckResult(model.Name, model.Provider, "failed", null, ex.Message);
        }
    }

    private sealed record ModelCheckResult(string Name, string Provider, string Status, double? LatencyMs, string Detail);
}
