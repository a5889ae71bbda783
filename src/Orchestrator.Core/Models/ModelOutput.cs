using System.Text;

namespace Orchestrator.Models;

/// <summary>
/// Model output is untrusted: control characters (terminal escapes, NULs) are removed and the
/// length is capped before it reaches a terminal, a log or a JSON reply.
/// </summary>
public static class ModelOutput
{
    public const int DefaultMaxChars = 8000;

    public static string Clean(string? text, int maxChars = DefaultMaxChars)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxChars));
        foreach (var c in text)
        {
            if (builder.Length >= maxChars)
            {
                break;
            }

            if (!char.IsControl(c) || c is '\n' or '\t')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
