using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Orchestrator.Cli.Serve;

/// <summary>
/// The console log of <c>orchestrator serve</c>: one line per entry on stderr, Information and up,
/// ASP.NET Core's own chatter from Warning. These are defaults only: the host's <c>Logging</c>
/// configuration (<c>Logging__Console__FormatterName=json</c>, <c>Logging__LogLevel__Default=Warning</c>,
/// or appsettings.json) still applies on top, as it does for any .NET host.
/// </summary>
internal static class ServeLogging
{
    private const string ConsoleSection = "Logging:Console";

    public static void Configure(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddConsole();

        // The web host's defaults registered the console's configuration binding before this runs, so a plain
        // default set here would overwrite what the configuration says: each default applies only where it is silent.
        // The formatter is named even then: with no name the console logger takes its legacy options and ignores these.
        logging.Services.AddOptions<ConsoleLoggerOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var console = configuration.GetSection(ConsoleSection);
            o.FormatterName = console["FormatterName"] is { Length: > 0 } name ? name : ConsoleFormatterNames.Simple;

            // stdout is left to nothing but the API's own output; every log line goes to stderr.
            o.LogToStandardErrorThreshold = console["LogToStandardErrorThreshold"] is null ? LogLevel.Trace : o.LogToStandardErrorThreshold;
        });
        logging.Services.AddOptions<SimpleConsoleFormatterOptions>().Configure<IConfiguration>((o, configuration) =>
            o.SingleLine = configuration.GetSection(ConsoleSection)["FormatterOptions:SingleLine"] is not { } single || !bool.TryParse(single, out var given) || given);
        KeepStackTracesForDebug(logging.Services);
    }

    /// <summary>Wraps every log provider registered so far (the console) so stack traces show only at Debug (<see cref="ExceptionDetailLoggerProvider"/>).</summary>
    internal static void KeepStackTracesForDebug(IServiceCollection services)
    {
        var providers = services.Where(d => d.ServiceType == typeof(ILoggerProvider) && !d.IsKeyedService).ToList();
        foreach (var provider in providers)
        {
            services.Remove(provider);
            services.AddSingleton<ILoggerProvider>(sp => new ExceptionDetailLoggerProvider(
                Create(sp, provider),
                ExceptionDetailLoggerProvider.WantsFullExceptions(sp.GetService<IConfiguration>()?["Logging:LogLevel:Default"])));
        }
    }

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor provider) =>
        (ILoggerProvider)(provider.ImplementationInstance
            ?? provider.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, provider.ImplementationType!));
}
