using System.Text;

namespace Orchestrator.Tools.Mcp;

/// <summary>
/// MCP servers name tools freely (<c>getOrder</c>, <c>get-order</c>, <c>orders.get</c>); the registry
/// and the deterministic planner expect snake_case. A tool is registered under its name in
/// snake_case: camelCase humps and any run of characters other than letters and digits become one
/// <c>_</c>, letters are lower-cased (<c>getOrderStatus</c> and <c>get-order.status</c> become
/// <c>get_order_status</c>). The server is always called with its own name.
/// </summary>
public static class McpToolNames
{
    /// <summary>Longest registered name: chat APIs cap function names at 64 characters.</summary>
    public const int MaxLength = 64;

    /// <summary>The registered name, or null when none can be made (no letters or digits, too long, not starting with a letter).</summary>
    public static string? Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                var hump = char.IsAsciiLetterUpper(c) && i > 0 && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1])
                    || (char.IsAsciiLetterUpper(name[i - 1]) && i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1])));
                if (hump && builder.Length > 0 && builder[^1] != '_')
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        var result = builder.ToString().TrimEnd('_');
        return result.Length is > 0 and <= MaxLength && char.IsAsciiLetter(result[0]) ? result : null;
    }
}
