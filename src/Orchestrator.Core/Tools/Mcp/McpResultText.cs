using System.Text;
using ModelContextProtocol.Protocol;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// A tool result's content blocks as the plain text a tool result is everywhere else: text blocks
/// as they are, embedded text resources by their text, other media as a short placeholder, and the
/// structured content (JSON) when there are no blocks.
/// </summary>
public static class McpResultText
{
    /// <summary>Results longer than this are cut: a tool result is evidence for an answer, not a document dump.</summary>
    public const int MaxLength = 32_000;

    public static string From(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var builder = new StringBuilder();
        foreach (var block in result.Content ?? [])
        {
            var text = block switch
            {
                TextContentBlock t => t.Text,
                EmbeddedResourceBlock { Resource: TextResourceContents r } => r.Text,
                EmbeddedResourceBlock { Resource: { } r } => $"[resource {r.Uri}]",
                ResourceLinkBlock link => $"[resource {link.Name}: {link.Uri}]",
                ImageContentBlock image => $"[image {image.MimeType}]",
                AudioContentBlock audio => $"[audio {audio.MimeType}]",
                _ => null,
            };
            if (!string.IsNullOrEmpty(text))
            {
                builder.Append(builder.Length > 0 ? "\n" : "").Append(text);
            }
        }

        if (builder.Length == 0 && result.StructuredContent is { } structured)
        {
            builder.Append(structured.ToString());
        }

        return builder.Length <= MaxLength ? builder.ToString() : builder.ToString(0, MaxLength) + " ...";
    }
}
