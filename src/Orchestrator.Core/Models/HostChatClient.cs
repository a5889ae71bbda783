using Microsoft.Extensions.AI;

namespace Orchestrator.Models;

/// <summary>
/// The transport of a <c>provider: host</c> model: the host's own keyed <see cref="IChatClient"/>. The
/// host's container owns that client, so disposing the orchestrator's decorators around it (when the
/// model registry is disposed) must leave it alone: this forwards every call and owns nothing.
/// </summary>
internal sealed class HostChatClient(IChatClient hostClient) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        hostClient.GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        hostClient.GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : hostClient.GetService(serviceType, serviceKey);
    }

    /// <summary>Leaves the host's client alone: the container that created it disposes it.</summary>
    public void Dispose()
    {
    }

    /// <summary>Why a <c>provider: host</c> model has no client, and the call that gives it one.</summary>
    public static string MissingMessage(string modelName) =>
        $"model '{modelName}' has provider: host, and no IChatClient is registered under the key \"{modelName}\"; " +
        $"add services.AddKeyedChatClient(\"{modelName}\", ...) (Microsoft.Extensions.AI) to the host's services before it starts";
}
