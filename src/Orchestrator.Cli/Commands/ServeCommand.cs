using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Orchestrator.Cli.Serve;

namespace Orchestrator.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, ';'-separated (non-loopback addresses need server.api_keys)",
            DefaultValueFactory = _ => ServeBinding.DefaultUrls,
        };
        var command = new Command("serve", "Serve the OpenAI-compatible HTTP API (POST /v1/chat/completions, /v1/models, /healthz, /readyz, /metrics)") { urls };
        command.SetAction(async (parse, ct) =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            CliRuntime.RejectHostModels(config, "serve");
            var bindTo = parse.GetValue(urls) is { Length: > 0 } given && !string.IsNullOrWhiteSpace(given) ? given : ServeBinding.DefaultUrls;

            // Refuse an exposed, unauthenticated binding before anything starts.
            var problems = ServeBinding.Check(bindTo, config.Server);
            if (problems.Count > 0)
            {
                throw new UsageException(string.Join(Environment.NewLine, problems));
            }

            await using var app = ServeApp.Build(config, bindTo, logging => logging
                .SetMinimumLevel(LogLevel.Information)
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
                .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (OptionsValidationException ex)
            {
                throw new UsageException(string.Join(Environment.NewLine, ex.Failures));
            }

            // The warm-up (ingest, router fit) goes on in the background; /readyz turns 200 when it is done.
            await context.Error.WriteLineAsync($"orchestrator serving on {string.Join(", ", ServeApp.BoundAddresses(app))} (Ctrl+C stops; /readyz reports the warm-up)").ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
