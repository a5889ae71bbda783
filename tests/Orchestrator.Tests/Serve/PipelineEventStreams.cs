using Orchestrator.Pipeline;

namespace Orchestrator.Tests.Serve;

/// <summary>Pipeline event streams for the stream writers' tests: given events, or a stream that throws after half an answer.</summary>
internal static class PipelineEventStreams
{
    public static readonly RouteInfo Route = new() { Agent = "hr-policy", Kind = "retrieval", Confidence = 0.9 };

    public static async IAsyncEnumerable<PipelineStreamEvent> Of(params PipelineStreamEvent[] events)
    {
        foreach (var e in events)
        {
            await Task.Yield();
            yield return e;
        }
    }

    /// <summary>Starts, shows "Half an ans", then throws an exception whose message ("boom") must not reach the client.</summary>
    public static async IAsyncEnumerable<PipelineStreamEvent> Throwing()
    {
        await Task.Yield();
        yield return new StreamStarted(Route, false);
        yield return new AnswerDelta("Half an ans");
        throw new InvalidOperationException("boom");
    }
}
