using Orchestrator.Retrieval.Reading;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retrieval;

public sealed class DocumentReaderTests
{
    private const string ProtectedPdf = "JVBERi0xLjcKJb/3ov4KMSAwIG9iago8PCAvRXh0ZW5zaW9ucyA8PCAvQURCRSA8PCAvQmFzZVZlcnNpb24gLzEuNyAvRXh0ZW5zaW9uTGV2ZWwgOCA+PiA+PiAvUGFnZXMgMiAwIFIgL1R5cGUgL0NhdGFsb2cgPj4KZW5kb2JqCjIgMCBvYmoKPDwgL0NvdW50IDEgL0tpZHMgWyAzIDAgUiBdIC9UeXBlIC9QYWdlcyA+PgplbmRvYmoKMyAwIG9iago8PCAvTWVkaWFCb3ggWyAwIDAgMjAwIDIwMCBdIC9QYXJlbnQgMiAwIFIgL1R5cGUgL1BhZ2UgPj4KZW5kb2JqCjQgMCBvYmoKPDwgL0NGIDw8IC9TdGRDRiA8PCAvQXV0aEV2ZW50IC9Eb2NPcGVuIC9DRk0gL0FFU1YzIC9MZW5ndGggMzIgPj4gPj4gL0ZpbHRlciAvU3RhbmRhcmQgL0xlbmd0aCAyNTYgL08gPDU2OTk1ZGRmYzYwNzhmMjIwYmFiMWRhNjBlYTNjMjNlODJkODQ1ZTRiYzk5N2NmZjQ4YjFhNmRmOTQzMGZjNDMwNDg2NDAzZTQwOGFiNmFiM2ZjNWJmZTI5ZjMwZGU1MT4gL09FIDw2MTMzMjZkYmE5NGMzNmVlYzYzNzIzYjlmYzc2NjI0Njg3ZGRkODFiYzVmNDliNWU2YTg2MWE1MzQzZTYxZTYzPiAvUCAtNCAvUGVybXMgPDM3MWIyODAzNDg5MDQxZTg2ZTVhMjczNzE1NDQ2ODU5PiAvUiA2IC9TdG1GIC9TdGRDRiAvU3RyRiAvU3RkQ0YgL1UgPGE3ZWFhNzAxOGMxYTFhYTMxNzA2NmMzOGU1ZmIyODU3ZmVkYTNkZjhkZmZiODRkOWEyM2E4YzVjNTA3Mjc0MTVmMDgyOWFkM2ZiODg2MDBjZWI1NDc4NDJkNmM3NTc1NT4gL1VFIDwwYzM0YTk3YmNlZDUyZGU0Nzk5YTI3Y2ExNmIyODE2NWI0YzM3Y2M5MWI3ZTBhMmE5NTBkMTQ5ZGQ1YWI2N2ZmPiAvViA1ID4+CmVuZG9iagp4cmVmCjAgNQowMDAwMDAwMDAwIDY1NTM1IGYgCjAwMDAwMDAwMTUgMDAwMDAgbiAKMDAwMDAwMDEzMCAwMDAwMCBuIAowMDAwMDAwMTg5IDAwMDAwIG4gCjAwMDAwMDAyNjIgMDAwMDAgbiAKdHJhaWxlciA8PCAvUm9vdCAxIDAgUiAvU2l6ZSA1IC9JRCBbPGQzMjdmYmI0YWY5MjQxYThmNWZlYjRhZTkzYWUzMDk0PjxhZTVlNGVkODE3ZTIxYmE3YmRiMDdlZjdlMWVlY2U3Mj5dIC9FbmNyeXB0IDQgMCBSID4+CnN0YXJ0eHJlZgo4MDkKJSVFT0YK";

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
    public async Task A_file_just_over_the_cap_says_by_how_much_in_bytes()
    {
        // walk35: a 20,971,969-byte file was skipped as "20.0 MB, over the 20.0 MB limit".
        using var temp = new TempDirectory();
        var path = temp.Write("big.txt", new string('a', 1025));

        var result = await new DocumentReaders(maxFileBytes: 1024).ReadAsync(path);

        Assert.True(result.Skipped);
        Assert.Contains("1,025 bytes", result.SkipReason, StringComparison.Ordinal);
        Assert.Contains("1,024-byte limit", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_without_a_text_layer_is_skipped_with_a_hint_to_run_ocr()
    {
        // walk35: a scanned (image-only) PDF said only "no text found in the file".
        using var temp = new TempDirectory();
        var path = System.IO.Path.Combine(temp.Path, "scan.pdf");
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        File.WriteAllBytes(path, builder.Build());

        var result = await _readers.ReadAsync(path);

        Assert.True(result.Skipped);
        Assert.Contains("no text found", result.SkipReason, StringComparison.Ordinal);
        Assert.Contains("OCR", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_protected_pdf_is_skipped_with_a_reason_that_says_so()
    {
        // walk35: the reason was PdfPig's "none of the provided passwords were the user or owner password", though none
        // was provided. A blank one-page PDF encrypted by qpdf (AES-256, user password "secret").
        using var temp = new TempDirectory();
        var path = System.IO.Path.Combine(temp.Path, "protected.pdf");
        File.WriteAllBytes(path, Convert.FromBase64String(ProtectedPdf));

        var result = await _readers.ReadAsync(path);

        Assert.True(result.Skipped);
        Assert.Contains("password-protected", result.SkipReason, StringComparison.Ordinal);
        Assert.DoesNotContain("provided passwords", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_file_that_is_not_utf8_is_read_as_windows_1252()
    {
        // walk35: a Markdown file saved by a Windows editor in Windows-1252 was stored with U+FFFD for every accent and euro sign.
        using var temp = new TempDirectory();
        var path = System.IO.Path.Combine(temp.Path, "canteen.md");
        File.WriteAllBytes(path, [.. "# Canteen\n\nA caf"u8, 0xE9, .. " latte costs "u8, 0x80, .. " 2.50.\n"u8]);

        var result = await _readers.ReadAsync(path);

        Assert.False(result.Skipped, result.SkipReason);
        Assert.Equal("A caf\u00e9 latte costs \u20ac 2.50.", result.Blocks[0].Text);
    }

    [Fact]
    public async Task Utf8_text_with_accents_is_read_as_utf8()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("canteen.md", "# Canteen\n\nA caf\u00e9 latte costs \u20ac 2.50.\n");

        var result = await _readers.ReadAsync(path);

        Assert.Equal("A caf\u00e9 latte costs \u20ac 2.50.", result.Blocks[0].Text);
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
