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
        var text = Decode(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
        if (LooksBinary(text))
        {
            throw new InvalidDataException("the file looks binary, not text");
        }

        return text;
    }

    /// <summary>
    /// A byte order mark wins; otherwise UTF-8 when the bytes are valid UTF-8, else Windows-1252, the encoding of
    /// files saved by older Windows editors ("caf\xE9", "\x80 2,50"), which UTF-8 would turn into U+FFFD.
    /// </summary>
    internal static string Decode(byte[] bytes)
    {
        using (var reader = new StreamReader(new MemoryStream(bytes), StrictUtf8, detectEncodingFromByteOrderMarks: true))
        {
            try
            {
                return reader.ReadToEnd();
            }
            catch (DecoderFallbackException)
            {
                // Not UTF-8 (and no BOM, which would have chosen a decoder that does not throw).
            }
        }

        return WindowsLatin.GetString(bytes);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Encoding WindowsLatin = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLine();
}
