using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Orchestrator.Tests.Retrieval;

/// <summary>Builds real PDF and DOCX files for reader tests.</summary>
internal static class TestDocuments
{
    /// <summary>A PDF with one line of text per page.</summary>
    public static void WritePdf(string path, params string[] pageTexts)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pageTexts)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddText(text, 12, new PdfPoint(50, 700), font);
        }

        File.WriteAllBytes(path, builder.Build());
    }

    /// <summary>A DOCX whose paragraphs are (style id or null, text).</summary>
    public static void WriteDocx(string path, params (string? Style, string Text)[] paragraphs)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new Body();
        foreach (var (style, text) in paragraphs)
        {
            var paragraph = new Paragraph(new Run(new Text(text)));
            if (style is not null)
            {
                paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
            }

            body.AppendChild(paragraph);
        }

        main.Document = new Document(body);
        main.Document.Save();
    }

    public static void WriteRandomBytes(string path, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
    }
}
