using Orchestrator.Pipeline;

namespace Orchestrator.Cli;

/// <summary>
/// Writes a streamed answer as it arrives (<see cref="OrchestratorPipeline.StreamAsync"/>): each
/// delta straight to stdout, then the same summary <c>ask</c> prints. A stream that breaks after
/// text was shown cannot be retried without repeating it, so the break is reported on stderr.
/// </summary>
internal static class StreamingAnswerPrinter
{
    /// <summary>The completed response, or null when the stream failed (already reported).</summary>
    public static async Task<OrchestratorResponse?> WriteAsync(CliContext context, IAsyncEnumerable<PipelineStreamEvent> events, CancellationToken cancellationToken)
    {
        var wroteText = false;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (e)
            {
                case AnswerDelta delta when delta.Text.Length > 0:
                    await context.Out.WriteAsync(delta.Text).ConfigureAwait(false);
                    await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                    wroteText = true;
                    break;
                case StreamCompleted completed:
                    await context.Out.WriteLineAsync().ConfigureAwait(false);
                    AnswerPrinter.WriteSummary(context.Out, completed.Response);
                    return completed.Response;
                case StreamFailed failed:
                    if (wroteText)
                    {
                        await context.Out.WriteLineAsync().ConfigureAwait(false);
                    }

                    await context.Error.WriteLineAsync($"error: the answer stopped part-way: {failed.Message}. The text above is incomplete; ask again.").ConfigureAwait(false);
                    return null;
            }
        }

        // The pipeline promises a final event; a stream that just ends is a failure too, not a silent success.
        await context.Error.WriteLineAsync("error: the answer stream ended without completing; ask again.").ConfigureAwait(false);
        return null;
    }
}
