using System.CommandLine;
using Microsoft.AspNetCore.Builder;
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
            DefaultValueFactory = _ => ServeSettings.DefaultUrls,
        };
        var command = new Command("serve", "Serve the OpenAI-compatible HTTP API (POST /v1/chat/completions, /v1/models, /healthz, /readyz, /metrics)") { urls };
        command.SetAction(async (parse, ct) =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            var settings = ServeSettings.From(config, parse.GetValue(urls));

            // Refuse an exposed, unauthenticated binding before the slow runtime start.
            var check = new ServeSettingsValidator().Validate(null, settings);
            if (check.Failed)
            {
                throw new UsageException(string.Join(Environment.NewLine, check.Failures));
            }

            await using var runtime = await CliRuntime.StartAsync(context, config, ct, probeEscalationEndpoints: true).ConfigureAwait(false);
            await using var app = ServeHost.Build(runtime, settings, logging => logging
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

            await context.Error.WriteLineAsync($"orchestrator serving on {string.Join(", ", ServeHost.BoundAddresses(app))} (Ctrl+C stops)").ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
