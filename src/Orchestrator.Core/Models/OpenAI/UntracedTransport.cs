using System.ClientModel.Primitives;

namespace Orchestrator.Models.OpenAI;

/// <summary>
/// The HTTP transport for openai models that do not opt in to <c>propagate_trace_context</c>:
/// HttpClient otherwise adds <c>traceparent</c> (and <c>tracestate</c>, baggage) from the current
/// activity to every request, which would hand internal trace ids to an external provider. One
/// shared handler, like the SDK's own default, so building clients does not exhaust sockets.
/// </summary>
internal static class UntracedTransport
{
    public static HttpClientPipelineTransport Instance { get; } = new(new HttpClient(new SocketsHttpHandler
    {
        ActivityHeadersPropagator = null,

        // A long-lived handler must still notice DNS changes (provider fail-over).
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        // The SDK's NetworkTimeout applies per call; HttpClient's own timeout must not cut it shorter.
        Timeout = Timeout.InfiniteTimeSpan,
    });
}
