using Orchestrator.Retrieval.Reading;
using Orchestrator.Tests.Support;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Orchestrator.Tests.Retrieval;

/// <summary>
/// PDF headings are read from the type (size, bold) into heading paths, as Markdown, HTML and DOCX headings are;
/// before, a heading ran into the paragraph after it ("Hotels Hotel rates are capped ...") and every page was one block.
/// </summary>
public sealed class PdfStructureTests
{
    private readonly DocumentReaders _readers = new();

    [Fact]
    public async Task Larger_and_bold_lines_become_the_heading_path_of_the_paragraphs_below()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "travel.pdf");
        WritePdf(path, [
            [("Business Travel Policy", 18, true), ("Applies to all employees.", 10.5, false),
             ("Hotels", 13, true), ("Hotel rates are capped per night,", 10.5, false), ("including taxes.", 10.5, false),
             ("Per diem", 13, true), ("You receive EUR 55 per full travel day.", 10.5, false)],
        ]);

        var blocks = (await _readers.ReadAsync(path)).Blocks;

        Assert.Collection(blocks,
            b => Assert.Equal("Business Travel Policy | Applies to all employees.", Show(b)),
            b => Assert.Equal("Business Travel Policy > Hotels | Hotel rates are capped per night, including taxes.", Show(b)),
            b => Assert.Equal("Business Travel Policy > Per diem | You receive EUR 55 per full travel day.", Show(b)));
        Assert.All(blocks, b => Assert.Equal(1, b.Page));
    }

    [Fact]
    public async Task A_heading_carries_over_to_the_next_page_and_a_running_header_is_left_out()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "policy.pdf");
        WritePdf(path, [
            [("Northwind - Travel Policy - page 1", 8, false), ("Booking", 13, true), ("Book through the Travel Desk.", 10.5, false)],
            [("Northwind - Travel Policy - page 2", 8, false), ("Trains are preferred under four hours.", 10.5, false)],
        ]);

        var blocks = (await _readers.ReadAsync(path)).Blocks;

        Assert.DoesNotContain(blocks, b => b.Text.Contains("Northwind", StringComparison.Ordinal));
        Assert.Equal(2, blocks.Count);
        Assert.Equal("Booking | Trains are preferred under four hours.", Show(blocks[1]));
        Assert.Equal(2, blocks[1].Page);
    }

    [Fact]
    public async Task A_wide_gap_starts_a_paragraph_and_a_bold_sentence_is_not_a_heading()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "notes.pdf");
        WritePdf(path, [
            [("First paragraph line one", 11, false), ("and line two.", 11, false), (null, 0, false),
             ("Never share your password.", 11, true), ("Second paragraph.", 11, false)],
        ]);

        var blocks = (await _readers.ReadAsync(path)).Blocks;

        Assert.Equal(["First paragraph line one and line two.", "Never share your password. Second paragraph."], blocks.Select(b => b.Text));
        Assert.All(blocks, b => Assert.Empty(b.HeadingPath));
    }

    [Fact]
    public async Task Lines_all_in_one_large_bold_type_are_not_all_headings()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "slide.pdf");
        WritePdf(path, [[("Quarterly results", 24, true), ("Revenue up", 24, true), ("Costs down", 24, true)]]);

        var blocks = (await _readers.ReadAsync(path)).Blocks;

        Assert.All(blocks, b => Assert.Empty(b.HeadingPath));
        Assert.Contains("Revenue up", string.Join(" ", blocks.Select(b => b.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_of_page_numbers_only_is_skipped_with_a_reason_not_an_exception()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "numbers.pdf");
        WritePdf(path, [[("Page 1", 10, false)], [("Page 2", 10, false)]]);

        var result = await _readers.ReadAsync(path);

        Assert.True(result.Skipped);
        Assert.False(string.IsNullOrWhiteSpace(result.SkipReason));
    }

    [Fact]
    public async Task The_sample_travel_policy_quotes_its_hotel_rule_under_its_heading()
    {
        var path = Path.Combine(RepoPaths.Root, "samples", "enterprise-assistant", "knowledge", "finance", "travel-policy.pdf");

        var blocks = (await _readers.ReadAsync(path)).Blocks;

        var hotels = Assert.Single(blocks, b => b.Text.StartsWith("Hotel rates are capped", StringComparison.Ordinal));
        Assert.Equal("Hotels", hotels.HeadingPath[^1]);
        Assert.DoesNotContain(blocks, b => b.Text.Contains("Business Travel Policy - page", StringComparison.Ordinal));
    }

    private static string Show(DocumentBlock block) => string.Join(" > ", block.HeadingPath) + " | " + block.Text;

    /// <summary>A PDF whose pages hold lines of (text, point size, bold) from the top down; a null text leaves a blank line.</summary>
    private static void WritePdf(string path, (string? Text, double Size, bool Bold)[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            var y = 780.0;
            foreach (var (text, size, isBold) in lines)
            {
                if (text is not null)
                {
                    page.AddText(text, size, new PdfPoint(60, y), isBold ? bold : regular);
                }

                y -= Math.Max(size, 10.5) * 1.4;
            }
        }

        File.WriteAllBytes(path, builder.Build());
    }
}
