using Orchestrator.Escalation.Middleware;
using Orchestrator.Guardian.Pii;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="PiiBoundaryChatClient"/> to a chat client pipeline.</summary>
public static class PiiBoundaryChatClientBuilderExtensions
{
    /// <summary>
    /// Redacts PII in every outgoing message and restores it in the answer. Add it outside everything
    /// that may send the messages anywhere (fallbacks, retries, caches, logging of requests), so none
    /// of them ever sees a value in clear.
    /// </summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="allow">Values the inbound check leaves alone (<c>guardian.pii_allow</c>).</param>
    /// <param name="redactor">Finds the PII to replace on the way out; the default detects every type.</param>
    public static ChatClientBuilder UsePiiBoundary(this ChatClientBuilder builder, IReadOnlyList<string>? allow = null, PiiRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new PiiBoundaryChatClient(inner, allow, redactor));
    }
}
