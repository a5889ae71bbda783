using Microsoft.Extensions.AI;

namespace Orchestrator.Cli;

/// <summary>
/// What the CLI puts where a <c>provider: host</c> model's <c>IChatClient</c> would be, for the commands that
/// need no chat model (<c>ingest</c>: the embedder and the store only). The CLI has no host code to supply the real
/// client; were a call to reach this one it fails with that reason instead of an answer.
/// </summary>
internal sealed class HostModelStandIn(string modelName) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw Unavailable();

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw Unavailable();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
    }

    private InvalidOperationException Unavailable() =>
        new($"model '{modelName}' has provider: host, and the orchestrator CLI has no host code to supply its IChatClient; this command does not run models");
}
