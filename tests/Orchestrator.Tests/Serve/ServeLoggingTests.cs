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

    [Fact]
    public void A_failed_start_logs_one_line_without_a_stack_trace_at_the_default_level()
    {
        var captured = new CapturingProvider();
        using var services = Logging(captured);

        LogFailedStart(services);

        var entry = Assert.Single(captured.Entries);
        Assert.Null(entry.Exception);
        Assert.Contains("Orchestrator warm-up failed", entry.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: The store file 'store.db' is not a valid SQLite database. (FormatException: SQLite Error 26: 'file is not a database'.)", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', entry.Message);
    }

    [Fact]
    public void At_Logging__LogLevel__Default_Debug_the_stack_trace_is_kept()
    {
        var captured = new CapturingProvider();
        using var services = Logging(captured, ("Logging:LogLevel:Default", "Debug"));

        LogFailedStart(services);

        var entry = Assert.Single(captured.Entries);
        Assert.NotNull(entry.Exception);
        Assert.NotNull(entry.Exception.GetBaseException().StackTrace);
    }

    [Fact]
    public void The_wrapped_console_still_takes_its_Console_filter_rules()
    {
        var captured = new CapturingProvider();
        using var services = Logging(captured, ("Logging:Console:LogLevel:Default", "Warning"));

        services.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrator.Hosting.HostedOrchestrator").LogInformation("not shown");

        Assert.Empty(captured.Entries);
    }

    [Fact]
    public void Serve_logging_wraps_the_console_so_stack_traces_wait_for_debug()
    {
        using var services = Logging();

        var provider = Assert.Single(services.GetServices<ILoggerProvider>());
        Assert.IsType<ExceptionDetailLoggerProvider>(provider);
    }

    /// <summary>serve's wrapping (ServeLogging) around a provider that records what the console would print.</summary>
    private static ServiceProvider Logging(CapturingProvider captured, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.Services.AddSingleton<ILoggerProvider>(captured);
            ServeLogging.KeepStackTracesForDebug(logging.Services);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>What the host logs when the warm-up fails on an unreadable store: an error with the exception.</summary>
    private static void LogFailedStart(ServiceProvider services)
    {
        InvalidOperationException failure;
        try
        {
            throw new InvalidOperationException("The store file 'store.db' is not a valid SQLite database.", new FormatException("SQLite Error 26: 'file is not a database'."));
        }
        catch (InvalidOperationException ex)
        {
            failure = ex;
        }

        services.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrator.Hosting.HostedOrchestrator")
            .LogError(new EventId(5003), new AggregateException(failure), "Orchestrator warm-up failed; requests will fail until the host restarts");
    }

    private sealed record Entry(string Message, Exception? Exception);

    private sealed class CapturingProvider : ILoggerProvider
    {
        public List<Entry> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(Entries);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(List<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (entries)
                {
                    entries.Add(new Entry(formatter(state, exception), exception));
                }
            }
        }
    }
}
