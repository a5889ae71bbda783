using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestrator.Models;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Escalation;

/// <summary>
/// A cloud failure the pipeline handles is logged once, by the orchestrator, at its own level: not also
/// as an Error with a stack trace by Microsoft.Extensions.AI's LoggingChatClient and OpenTelemetryChatClient
/// (walk32). Operators who want that detail get it at Debug.
/// </summary>
public sealed class HandledFailureLoggingTests
{
    private const string MeaiCategory = "Microsoft.Extensions.AI";

    [Fact]
    public async Task A_fallback_after_a_failing_cloud_call_logs_one_orchestrator_warning_and_no_meai_error()
    {
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        await using var d = await EscalationDeployment.StartAsync(loggerFactory: loggerFactory);
        d.Primary.Enqueue(FakeOpenAiReply.Error(503));

        var response = await d.AskAsync("Plan a team offsite", agent: "concierge");

        Assert.Equal("Secondary cloud answer.", response.Answer);
        Assert.Single(logs.Lines, l => l.StartsWith("Warning Orchestrator", StringComparison.Ordinal) && l.Contains("trying the next provider", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(MeaiCategory, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_and_cancelled_calls_log_nothing_from_meai_at_information()
    {
        await using var server = FakeOpenAiServer.Start();
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        using var client = Client(server, loggerFactory);

        await FailAndCancelAsync(server, client);

        Assert.DoesNotContain(logs.Lines, l => l.Contains(MeaiCategory, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_operator_who_opts_in_at_debug_gets_the_failure_with_its_exception()
    {
        await using var server = FakeOpenAiServer.Start();
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information)
            .AddFilter(MeaiCategory, LogLevel.Debug).AddProvider(logs));
        using var client = Client(server, loggerFactory);

        await FailAndCancelAsync(server, client);

        var meai = logs.Lines.Where(l => l.Contains(MeaiCategory, StringComparison.Ordinal)).ToList();
        Assert.Contains(meai, l => l.StartsWith("Debug Microsoft.Extensions.AI.LoggingChatClient", StringComparison.Ordinal) && l.Contains("ClientResultException", StringComparison.Ordinal));
        Assert.Contains(meai, l => l.StartsWith("Debug Microsoft.Extensions.AI.OpenTelemetryChatClient", StringComparison.Ordinal) && l.Contains("ClientResultException", StringComparison.Ordinal));
        Assert.All(meai, l => Assert.False(l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal), l));
    }

    private static IChatClient Client(FakeOpenAiServer server, ILoggerFactory loggerFactory)
    {
        var model = OpenAiTestConfig.Model(server);
        return ModelFactory.CreateChatClient(OpenAiTestConfig.Config(model), model.Name, loggerFactory);
    }

    private static async Task FailAndCancelAsync(FakeOpenAiServer server, IChatClient client)
    {
        server.Enqueue(FakeOpenAiReply.Error(500), FakeOpenAiReply.Hanging());
        await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => client.GetResponseAsync("fails"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("is cancelled", cancellationToken: cancel.Token));
    }
}
