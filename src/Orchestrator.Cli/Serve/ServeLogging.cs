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
    public static void Configure(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);

        // Registered before AddConsole so that the configuration binding AddConsole registers runs after it and wins.
        // (AddSimpleConsole would force the simple formatter and make Logging:Console:FormatterName dead.)
        logging.Services.Configure<SimpleConsoleFormatterOptions>(o => o.SingleLine = true);
        logging.SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddConsole();

        // stdout is left to nothing but the API's own output; every log line goes to stderr.
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
