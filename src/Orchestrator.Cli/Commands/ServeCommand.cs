using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
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
        var command = new Command("serve", "Serve the OpenAI-compatible HTTP API (POST /v1/chat/completions, POST /v1/responses, /v1/models, /healthz, /readyz, /metrics)") { urls };
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

            await using var app = ServeApp.Build(config, bindTo, ServeLogging.Configure);
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
            var orchestrator = app.Services.GetRequiredService<HostedOrchestrator>();
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var stopOnFailedWarmUp = StopWhenTheWarmUpFailsAsync(orchestrator, app.Services.GetRequiredService<IHostApplicationLifetime>(), watching.Token);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            await watching.CancelAsync().ConfigureAwait(false); // a stop during the warm-up does not wait for it here
            await stopOnFailedWarmUp.ConfigureAwait(false);
            if (orchestrator.StartupFailure is { } failure)
            {
                // The server log has the exception; this is the line a supervisor's journal shows next to the exit code.
                await context.Error.WriteLineAsync($"error: the warm-up failed, so serve stopped (a restart tries again): {failure}").ConfigureAwait(false);
                return ExitCodes.RuntimeFailure;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// A failed warm-up (store unreadable, disk full) leaves a process that is alive but can answer nothing until it
    /// restarts, and /healthz keeps it alive in a supervisor's eyes: so serve stops and exits 1, and systemd
    /// (Restart=on-failure) or Kubernetes restarts it with their back-off.
    /// </summary>
    private static async Task StopWhenTheWarmUpFailsAsync(HostedOrchestrator orchestrator, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var warmUp = orchestrator.GetRuntimeAsync(cancellationToken);
        await ((Task)warmUp).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (warmUp.IsFaulted)
        {
            lifetime.StopApplication();
        }
    }
}
