using Orchestrator.Pipeline;

namespace Orchestrator.AspNetCore;

/// <summary>A stream writer that <see cref="PipelineStreamPump"/> drives: chat chunks or Responses events.</summary>
internal interface IPipelineStreamSink
{
    /// <summary>Sets the headers and writes the opening events; <paramref name="started"/> is null when the first event was not <see cref="StreamStarted"/>.</summary>
    Task StartAsync(StreamStarted? started, CancellationToken cancellationToken);

    /// <returns>True when the event ended the stream.</returns>
    Task<bool> WriteEventAsync(PipelineStreamEvent item, CancellationToken cancellationToken);

    Task WriteErrorAsync(string message, CancellationToken cancellationToken);
}
