using System.CommandLine;
using Microsoft.Extensions.AI;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Spectre.Console;
using Orchestrator.Cli.SampleTools;

namespace Orchestrator.Cli;

/// <summary>Loads the configuration and starts the runtime for a command, reporting progress on stderr.</summary>
internal static class CliRuntime
{
    public static OrchestratorConfig LoadConfig(CliContext context, ParseResult parse)
    {
        var result = ConfigLoader.Load(ConfigPath(context, parse), BuiltInTools.ValidationContext());
        if (result.Config is null || result.Errors.Count > 0)
        {
            throw new UsageException(
                $"the configuration has {result.Errors.Count} error(s):{Environment.NewLine}" +
                string.Join(Environment.NewLine, result.Errors.Select(e => "  " + e)));
        }

        return result.Config;
    }

    /// <summary>
    /// A <c>provider: host</c> model is served by an <c>IChatClient</c> the hosting application registers;
    /// the CLI has no host code, so the commands that run models stop here with what to do instead.
    /// <c>agents validate</c> does not call this: the configuration itself is valid.
    /// </summary>
    public static void RejectHostModels(OrchestratorConfig config, string command)
    {
        var hosted = config.Models.Values.Where(m => m.Provider == ModelProviders.Host).Select(m => m.Name).ToList();
        if (hosted.Count > 0)
        {
            var names = string.Join(", ", hosted.Select(n => $"'{n}'"));
            throw new UsageException(
                $"{command}: model(s) {names} have provider: host, whose IChatClient is registered by the application that hosts the orchestrator " +
                $"(services.AddKeyedChatClient(\"{hosted[0]}\", ...)); the orchestrator CLI has no host code to supply one. " +
                "Run this configuration in a library host (README, \"Use as a library\"), or declare the model with provider openai or onnx for the CLI");
        }
    }

    /// <summary>Finds the configuration file (see <see cref="ConfigLocator"/>) and says on stderr which one is used.</summary>
    public static string ConfigPath(CliContext context, ParseResult parse)
    {
        var location = ConfigLocator.Locate(parse.GetValue(CliOptions.Config), context.WorkingDirectory);
        context.Error.WriteLine(location.Describe());
        return location.Path;
    }

    /// <summary>
    /// Starts the runtime with progress on stderr; <paramref name="autoIngest"/> false leaves empty collections to the caller
    /// (the ingest command). <paramref name="runsModels"/> false (ingest: the embedder and the store only) accepts
    /// <c>provider: host</c> models, each with a <see cref="HostModelStandIn"/> that no such command calls.
    /// </summary>
    public static async Task<OrchestratorRuntime> StartAsync(CliContext context, OrchestratorConfig config, CancellationToken cancellationToken, bool probeEscalationEndpoints = false, bool autoIngest = true, bool runsModels = true)
    {
        if (runsModels)
        {
            RejectHostModels(config, "this command");
        }

        var standIns = config.Models.Values.Where(m => m.Provider == ModelProviders.Host)
            .ToDictionary(m => m.Name, IChatClient (m) => new HostModelStandIn(m.Name), StringComparer.Ordinal);
        var console = StderrConsole(context);
        OrchestratorRuntime? runtime = null;
        await Progress(console).StartAsync(async ctx =>
        {
            ProgressTask? ingestTask = null;
            var ingest = new InlineProgress<Orchestrator.Retrieval.Ingestion.IngestProgress>(p =>
            {
                ingestTask ??= ctx.AddTask("ingesting", maxValue: Math.Max(1, p.FilesTotal));
                ingestTask.MaxValue = Math.Max(1, p.FilesTotal);
                ingestTask.Value = p.FilesDone;
                ingestTask.Description = "ingesting " + Markup.Escape(Shorten(p.CurrentPath));
            });
            var status = new InlineProgress<string>(s => console.MarkupLine("[grey]" + Markup.Escape(s) + "[/]"));
            runtime = await OrchestratorRuntime.StartAsync(config, new RuntimeOptions { Tools = BuiltInTools.For(config), IngestProgress = ingest, Status = status, ProbeEscalationEndpoints = probeEscalationEndpoints, AutoIngest = autoIngest, HostChatClients = name => standIns.GetValueOrDefault(name) }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return runtime!;
    }

    /// <summary>
    /// The semantic router fitted from the configuration exactly as the service fits it (same
    /// examples, options and cache folder), without starting the rest of the runtime. The caller
    /// disposes the embedder after routing.
    /// </summary>
    public static async Task<(Routing.SemanticRouter Router, IDisposable Embedder)> FitRouterAsync(OrchestratorConfig config, CancellationToken cancellationToken)
    {
        var embedder = Models.ModelFactory.CreateEmbedder(config, config.Router.Embedder);
        try
        {
            var router = await Routing.SemanticRouter.FitAsync(
                OrchestratorRuntime.TrainingSetFrom(config),
                embedder,
                cacheDirectory: Path.Combine(OrchestratorRuntime.StateDirectory(config), "router-cache"),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return (router, embedder);
        }
        catch
        {
            embedder.Dispose();
            throw;
        }
    }

    public static IAnsiConsole StderrConsole(CliContext context) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(context.Error),
        // Colour and live redraws only on a real terminal; logs and pipes get plain lines.
        Ansi = IsTerminal(context) ? AnsiSupport.Detect : AnsiSupport.No,
        Interactive = IsTerminal(context) ? InteractionSupport.Detect : InteractionSupport.No,
    });

    private static bool IsTerminal(CliContext context) => context.Error == Console.Error && !Console.IsErrorRedirected;

    public static Spectre.Console.Progress Progress(IAnsiConsole console) => console.Progress()
        .AutoClear(true)
        .HideCompleted(true)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn());

    private static string Shorten(string? path) =>
        path is null ? "" : path.Length <= 40 ? path : "…" + path[^39..];
}
