using Microsoft.Extensions.AI;
using Orchestrator.Configuration;

namespace Orchestrator.Models.Resilience;

/// <summary>Adds <see cref="ResilientChatClient"/> to a chat client pipeline.</summary>
public static class ResilientChatClientBuilderExtensions
{
    /// <summary>
    /// Runs the model's calls through its resilience pipeline from <paramref name="resilience"/>. Add it
    /// last (innermost), so telemetry and logging see one logical call however many attempts it took.
    /// </summary>
    public static ChatClientBuilder UseResilience(this ChatClientBuilder builder, ModelConfig model, ModelResilience resilience)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(resilience);
        return builder.Use(inner => new ResilientChatClient(inner, model, resilience));
    }
}
