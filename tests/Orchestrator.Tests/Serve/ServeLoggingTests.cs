using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Orchestrator.Cli.Serve;

namespace Orchestrator.Tests.Serve;

/// <summary><c>orchestrator serve</c>'s console log: single-line defaults that the host's <c>Logging</c> configuration can override.</summary>
public sealed class ServeLoggingTests
{
    private static ServiceProvider Logging(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            // As WebApplication.CreateBuilder's defaults do (its configuration has the environment variables),
            // and then ServeApp: the default console is registered, and removed, before serve's own.
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddConsole();
            logging.ClearProviders();
            ServeLogging.Configure(logging);
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Logging__Console__FormatterName_json_gives_the_json_formatter()
    {
        using var services = Logging(("Logging:Console:FormatterName", "json"));

        Assert.Equal(ConsoleFormatterNames.Json, services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public void Without_configuration_the_log_is_single_line_text_on_stderr_from_information()
    {
        using var services = Logging();

        var console = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Simple, console.FormatterName);
        Assert.Equal(LogLevel.Trace, console.LogToStandardErrorThreshold);
        Assert.True(services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue.SingleLine);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        Assert.True(loggers.CreateLogger("Orchestrator.Hosting.HostedOrchestrator").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void Logging__LogLevel__Default_raises_the_level_and_formatter_options_still_bind()
    {
        using var services = Logging(("Logging:LogLevel:Default", "Warning"), ("Logging:Console:FormatterOptions:SingleLine", "false"));

        Assert.False(services.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrator.Hosting.HostedOrchestrator").IsEnabled(LogLevel.Information));
        Assert.False(services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue.SingleLine);
    }
}
