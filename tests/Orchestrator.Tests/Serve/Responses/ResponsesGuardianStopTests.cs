using System.Text;
using OpenAI.Responses;
using Orchestrator.Tests.Escalation;

// The Responses client of OpenAI 2.14 is marked experimental (OPENAI001); these tests exist to exercise it.
#pragma warning disable OPENAI001

namespace Orchestrator.Tests.Serve.Responses;

/// <summary>
/// A cloud answer the parking agent's output rail blocks (groundedness: block), streamed to the SDK: the
/// hold-back buffer never shows the unchecked text, and the stream ends with <c>response.failed</c>.
/// </summary>
public sealed class ResponsesGuardianStopTests
{
    private const string BlockedCloudText = "Primary cloud answer";

    private static Task<EscalationDeployment> StartAsync() =>
        EscalationDeployment.StartAsync(parkingGuardian: "[ pii ]", parkingExtra: "rails: { output: { groundedness: block } }");

    [Fact]
    public async Task A_guardian_stop_mid_stream_is_response_failed_without_the_blocked_text()
    {
        await using var d = await StartAsync();
        await using var server = await LoopbackServer.StartAsync(d.Runtime);

        var shown = new StringBuilder();
        var kinds = new List<StreamingResponseUpdateKind>();
        ResponseResult? failed = null;
        await foreach (var update in ResponsesSdkTests.Client(server).CreateResponseStreamingAsync("cloud", "Where do employees park?"))
        {
            kinds.Add(update.Kind);
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                shown.Append(delta.Delta);
            }

            if (update is StreamingResponseFailedUpdate stop)
            {
                failed = stop.Response;
            }
        }

        Assert.NotNull(failed);
        Assert.Equal(ResponseStatus.Failed, failed.Status);
        Assert.Contains("guardian", failed.Error.Message, StringComparison.Ordinal);
        Assert.Equal(StreamingResponseUpdateKind.ResponseFailed, kinds[^1]);
        Assert.DoesNotContain(StreamingResponseUpdateKind.ResponseCompleted, kinds);
        Assert.DoesNotContain(BlockedCloudText, shown.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(BlockedCloudText, failed.GetOutputText() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_call_gets_the_withheld_answer_and_the_rail_in_the_metadata()
    {
        await using var d = await StartAsync();
        await using var server = await LoopbackServer.StartAsync(d.Runtime);

        var result = await ResponsesSdkTests.Client(server).CreateResponseAsync("cloud", "Where do employees park?");

        Assert.DoesNotContain(BlockedCloudText, result.Value.GetOutputText(), StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(result.GetRawResponse().Content);
        var checks = json.RootElement.GetProperty("orchestrator").GetProperty("guardian").GetProperty("checks");
        Assert.Contains(checks.EnumerateArray(), c => c.TryGetProperty("stage", out var stage) && stage.GetString() == "output" && c.TryGetProperty("action", out var action) && action.GetString() == "block");
    }
}
