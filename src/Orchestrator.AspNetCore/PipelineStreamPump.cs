using Microsoft.Extensions.Logging;
using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>
/// The loop both stream writers (chat chunks, Responses events) run over the pipeline's events: the first event
/// is awaited before anything is written, so bad input still gets a JSON 400; after that, an end without a
/// finishing event or an exception becomes the writer's error event, because the status is already sent.
/// </summary>
internal static class PipelineStreamPump
{
    public static async Task RunAsync(IAsyncEnumerable<PipelineStreamEvent> events, IPipelineStreamSink sink, ILogger logger, CancellationToken cancellationToken)
    {
        await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException("the pipeline stream ended without events");
        }

        var first = enumerator.Current;
        await sink.StartAsync(first as StreamStarted, cancellationToken).ConfigureAwait(false);
        try
        {
            var finished = first is not StreamStarted && await sink.WriteEventAsync(first, cancellationToken).ConfigureAwait(false);
            while (!finished && await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                finished = await sink.WriteEventAsync(enumerator.Current, cancellationToken).ConfigureAwait(false);
            }

            if (!finished)
            {
                await sink.WriteErrorAsync("the answer stream ended before the answer was complete; retry the request", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Headers are gone: the only way left to tell the client is an error event.
            ServeLog.StreamBroke(logger, ex);
            await sink.WriteErrorAsync("the answer stream failed on the server; retry the request", cancellationToken).ConfigureAwait(false);
        }
    }
}
