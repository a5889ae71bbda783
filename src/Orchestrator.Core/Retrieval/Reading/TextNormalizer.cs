using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Retrieval.Reading;

internal static partial class TextNormalizer
{
    /// <summary>Collapses runs of whitespace (including line breaks) into single spaces.</summary>
    public static string CollapseWhitespace(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>Splits plain text into paragraphs at blank lines; lines inside a paragraph are joined with spaces.</summary>
    public static IEnumerable<string> Paragraphs(string text)
    {
        foreach (var part in BlankLine().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            var paragraph = CollapseWhitespace(part);
            if (paragraph.Length > 0)
            {
                yield return paragraph;
            }
        }
    }

    /// <summary>True when text holds NUL or many control characters: a binary file with a text extension.</summary>
    public static bool LooksBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 8192));
        var control = 0;
        foreach (var c in sample)
        {
            if (c == '\0')
            {
                return true;
            }

            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))
            {
                control++;
            }
        }

        return sample.Length > 0 && control > sample.Length / 20;
    }

    public static async Task<string> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        if (LooksBinary(text))
        {
            throw new InvalidDataException("the file looks binary, not text");
        }

        return text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLine();
}
