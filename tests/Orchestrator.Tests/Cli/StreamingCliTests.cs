using System.Text.RegularExpressions;
using Orchestrator.Cli;
using Orchestrator.Pipeline;
using Orchestrator.Tests.EndToEnd;

namespace Orchestrator.Tests.Cli;

/// <summary><c>ask --stream</c> and <c>chat</c>, which print the answer from the pipeline's event stream.</summary>
[Collection(SampleRuntimeCollection.Name)]
public sealed partial class StreamingCliTests(SampleRuntimeFixture fixture)
{
    private Task<CliResult> RunAsync(string? stdin, params string[] args) => CliRunner.RunAsync(fixture.Root, stdin, ["--config", fixture.ConfigFile, .. args]);

    [Fact]
    public async Task Ask_stream_prints_the_same_answer_and_summary_as_ask()
    {
        var plain = await RunAsync(null, "ask", "How many vacation days do I get?");
        var streamed = await RunAsync(null, "ask", "How many vacation days do I get?", "--stream");

        Assert.Equal(0, streamed.ExitCode);
        Assert.Equal(WithoutTime(plain.Out), WithoutTime(streamed.Out));
        Assert.Contains("route:", streamed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_json_with_stream_is_a_usage_error_before_anything_runs()
    {
        var result = await RunAsync(null, "ask", "How many vacation days do I get?", "--json", "--stream");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("--json and --stream cannot be combined", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Ask_stream_with_empty_text_exits_2(string text)
    {
        var result = await RunAsync(null, "ask", text, "--stream");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Chat_streams_every_turn_and_survives_bad_turns()
    {
        var huge = new string('x', 50_000);
        var stdin = $"How many vacation days do I get?\n{huge}\nAnd how do I reset my password?\n/exit\n";

        var result = await RunAsync(stdin, "chat");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, Regex.Count(result.Out, "route:"));
        Assert.Contains("max_input_chars", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_stream_keeps_the_partial_text_and_says_clearly_that_it_broke()
    {
        var (context, output, error) = Context();

        var response = await StreamingAnswerPrinter.WriteAsync(context, Events(
            new StreamStarted(new RouteInfo(), Escalating: false),
            new AnswerDelta("New employees get "),
            new StreamFailed("the model stopped responding", null)), CancellationToken.None);

        Assert.Null(response);
        Assert.Equal("New employees get " + Environment.NewLine, output.ToString());
        Assert.Contains("error: the answer stopped part-way: the model stopped responding", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_ends_without_a_final_event_is_reported_not_taken_as_success()
    {
        var (context, _, error) = Context();

        var response = await StreamingAnswerPrinter.WriteAsync(context, Events(new AnswerDelta("half")), CancellationToken.None);

        Assert.Null(response);
        Assert.Contains("ended without completing", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_history_keeps_the_last_turns_oldest_first()
    {
        var history = new ChatHistory();
        for (var i = 1; i <= 5; i++)
        {
            history.Add($"q{i}", $"a{i}");
        }

        history.Add("q6", "   ");
        var request = history.Request("q7");

        Assert.Equal("q7", request.Text);
        Assert.Equal(ChatHistory.MaxTurns, request.History.Count);
        Assert.Equal(["a3", "q4", "a4", "q5", "a5", "q6"], request.History.Select(t => t.Text));
        Assert.Equal(ConversationTurn.User, request.History[^1].Role);
        Assert.Equal(ConversationTurn.Assistant, request.History[^2].Role);
        Assert.Empty(new ChatHistory().Request("first").History);
    }

    private static (CliContext Context, StringWriter Out, StringWriter Error) Context()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(output, error, new StringReader(""), Path.GetTempPath()), output, error);
    }

#pragma warning disable CS1998 // an async iterator over fixed events
    private static async IAsyncEnumerable<PipelineStreamEvent> Events(params PipelineStreamEvent[] events)
#pragma warning restore CS1998
    {
        foreach (var e in events)
        {
            yield return e;
        }
    }

    private static string WithoutTime(string text) => TimeLine().Replace(text, "");

    [GeneratedRegex(@"time:\s+[\d.]+ ms")]
    private static partial Regex TimeLine();
}
