using System.Text;
using UglyToad.PdfPig.Content;

namespace Orchestrator.Retrieval.Reading;

/// <summary>
/// Groups a PDF page's words into printed lines (<see cref="PdfLine"/>), keeping the content order the
/// page was written in (columns stay whole): a word whose baseline moves by more than half its size starts a line.
/// </summary>
internal static class PdfPageLines
{
    public static List<PdfLine> Read(Page page)
    {
        var lines = new List<PdfLine>();
        var words = new List<Word>();
        foreach (var word in page.GetWords())
        {
            if (word.Letters.Count == 0 || string.IsNullOrWhiteSpace(word.Text))
            {
                continue;
            }

            if (words.Count > 0 && !SameLine(words[^1], word))
            {
                lines.Add(Line(page.Number, words));
                words.Clear();
            }

            words.Add(word);
        }

        if (words.Count > 0)
        {
            lines.Add(Line(page.Number, words));
        }

        return lines;
    }

    private static bool SameLine(Word previous, Word next)
    {
        var size = Math.Max(Math.Max(Size(previous), Size(next)), 1);
        return Math.Abs(Baseline(previous) - Baseline(next)) <= size / 2;
    }

    private static PdfLine Line(int page, List<Word> words)
    {
        var text = new StringBuilder();
        var sizes = new Dictionary<double, int>();
        var bold = true;
        foreach (var word in words)
        {
            text.Append(text.Length > 0 ? " " : "").Append(word.Text);
            foreach (var letter in word.Letters)
            {
                var size = Math.Round(letter.PointSize * 2) / 2;
                sizes[size] = sizes.GetValueOrDefault(size) + 1;
                bold &= IsBold(letter);
            }
        }

        var common = sizes.MaxBy(kv => kv.Value).Key;
        return new PdfLine(page, TextNormalizer.CollapseWhitespace(text.ToString()), common, bold, Baseline(words[0]));
    }

    private static double Baseline(Word word) => word.Letters[0].StartBaseLine.Y;

    private static double Size(Word word) => word.Letters[0].PointSize;

    /// <summary>Bold by the font's flags or, for the standard fonts that carry none, by its name (Helvetica-Bold).</summary>
    private static bool IsBold(Letter letter) =>
        string.IsNullOrWhiteSpace(letter.Value)
        || letter.FontDetails?.IsBold == true
        || (letter.FontName ?? "").Contains("Bold", StringComparison.OrdinalIgnoreCase)
        || (letter.FontName ?? "").Contains("Black", StringComparison.OrdinalIgnoreCase)
        || (letter.FontName ?? "").Contains("Heavy", StringComparison.OrdinalIgnoreCase);
}
