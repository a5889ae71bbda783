using Orchestrator.Retrieval.Reading;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

public sealed class DocumentReaderTests
{
    private readonly DocumentReaders _readers = new();

    [Fact]
    public async Task Markdown_headings_become_heading_paths()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("policy.md", "# Handbook\n\nIntro text.\n\n## Annual leave\n\nYou get **25 days**\nper year.\n\n- Item one\n- Item two\n\n```\n# not a heading\n```\n");

        var result = await _readers.ReadAsync(path);

        Assert.False(result.Skipped);
        Assert.Equal(["Handbook"], result.Blocks[0].HeadingPath);
        Assert.Equal("Intro text.", result.Blocks[0].Text);
        Assert.Equal(["Handbook", "Annual leave"], result.Blocks[1].HeadingPath);
        Assert.Equal("You get 25 days per year.", result.Blocks[1].Text);
        Assert.Equal("Item one\nItem two", result.Blocks[2].Text);
        Assert.Contains(result.Blocks, b => b.Text.Contains("# not a heading", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plain_text_splits_paragraphs_at_blank_lines()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("notes.txt", "First line\ncontinues.\n\n\nSecond paragraph.");

        var result = await _readers.ReadAsync(path);

        Assert.Equal(["First line continues.", "Second paragraph."], result.Blocks.Select(b => b.Text));
        Assert.All(result.Blocks, b => Assert.Empty(b.HeadingPath));
    }

    [Fact]
    public async Task Html_drops_scripts_styles_and_navigation_and_keeps_headings()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("page.html", """
            <html><head><title>T</title><style>p { color: red }</style></head>
            <body><nav><a href="/">Home</a> Menu</nav>
            <h1>Benefits</h1><p>Health cover starts on day one.</p>
            <script>var secret = 1;</script>
            <div><h2>Pension</h2><p>We match 5%.</p>Loose text here.</div>
            </body></html>
            """);

        var result = await _readers.ReadAsync(path);

        var all = string.Join(" ", result.Blocks.Select(b => b.Text));
        Assert.DoesNotContain("Menu", all, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", all, StringComparison.Ordinal);
        Assert.DoesNotContain("color", all, StringComparison.Ordinal);
        Assert.Equal(new DocumentBlock(["Benefits"], "Health cover starts on day one."), result.Blocks[0], BlockComparer.Instance);
        Assert.Equal(new DocumentBlock(["Benefits", "Pension"], "We match 5%."), result.Blocks[1], BlockComparer.Instance);
        Assert.Equal(new DocumentBlock(["Benefits", "Pension"], "Loose text here."), result.Blocks[2], BlockComparer.Instance);
    }

    [Fact]
    public async Task Pdf_blocks_carry_page_numbers()
    {
        using var temp = new TempDirectory();
        var path = System.IO.Path.Combine(temp.Path, "guide.pdf");
        TestDocuments.WritePdf(path, "Expenses are paid monthly.", "Travel must be booked early.");

        var result = await _readers.ReadAsync(path);

        Assert.False(result.Skipped, result.SkipReason);
        Assert.Equal(2, result.Blocks.Count);
        Assert.Equal((1, "Expenses are paid monthly."), (result.Blocks[0].Page!.Value, result.Blocks[0].Text));
        Assert.Equal((2, "Travel must be booked early."), (result.Blocks[1].Page!.Value, result.Blocks[1].Text));
    }

    [Fact]
    public async Task Docx_heading_styles_become_heading_paths()
    {
        using var temp = new TempDirectory();
        var path = System.IO.Path.Combine(temp.Path, "policy.docx");
        TestDocuments.WriteDocx(path, ("Heading1", "Leave"), (null, "Twenty five days."), ("Heading2", "Sick leave"), (null, "Ten days paid."));

        var result = await _readers.ReadAsync(path);

        Assert.False(result.Skipped, result.SkipReason);
        Assert.Equal(2, result.Blocks.Count);
        Assert.Equal(["Leave"], result.Blocks[0].HeadingPath);
        Assert.Equal(["Leave", "Sick leave"], result.Blocks[1].HeadingPath);
        Assert.Equal("Ten days paid.", result.Blocks[1].Text);
    }

    [Theory]
    [InlineData("broken.pdf", "PDF")]
    [InlineData("broken.docx", "DOCX")]
    public async Task Corrupt_files_are_skipped_with_a_reason(string name, string format)
    {
        using var temp = new TempDirectory();
        var path = System.IO.Path.Combine(temp.Path, name);
        TestDocuments.WriteRandomBytes(path, 4096, seed: 7);

        var result = await _readers.ReadAsync(path);

        Assert.True(result.Skipped);
        Assert.Contains(format, result.SkipReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.md", "empty")]
    [InlineData("blank.txt", "no text")]
    [InlineData("image.png", "unsupported")]
    public async Task Empty_blank_and_unsupported_files_are_skipped(string name, string reasonPart)
    {
        using var temp = new TempDirectory();
        var path = temp.Write(name, name.StartsWith("blank", StringComparison.Ordinal) ? "  \n\n  " : name.EndsWith(".png", StringComparison.Ordinal) ? "x" : "");

        var result = await _readers.ReadAsync(path);

        Assert.True(result.Skipped);
        Assert.Contains(reasonPart, result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_over_the_size_cap_are_skipped()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("big.txt", new string('a', 2048));

        var result = await new DocumentReaders(maxFileBytes: 1024).ReadAsync(path);

        Assert.True(result.Skipped);
        Assert.Contains("limit", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_content_with_a_text_extension_is_skipped()
    {
        using var temp = new TempDirectory();
        var path = System.IO.Path.Combine(temp.Path, "data.txt");
        TestDocuments.WriteRandomBytes(path, 2048, seed: 3);

        var result = await _readers.ReadAsync(path);

        Assert.True(result.Skipped);
    }

    private sealed class BlockComparer : IEqualityComparer<DocumentBlock>
    {
        public static readonly BlockComparer Instance = new();

        public bool Equals(DocumentBlock? x, DocumentBlock? y) =>
            x is not null && y is not null && x.Text == y.Text && x.Page == y.Page && x.HeadingPath.SequenceEqual(y.HeadingPath);

        public int GetHashCode(DocumentBlock obj) => obj.Text.GetHashCode(StringComparison.Ordinal);
    }
}
