using Orchestrator.Cli.Evaluation;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

public sealed class RoutingDatasetReaderTests
{
    private const string Clinc = """
        {
          "train": [["book a flight", "book_flight"], ["what's my balance", "balance"]],
          "oos_train": [["how tall is everest", "oos"]],
          "val": [["fly me to rome", "book_flight"]],
          "oos_val": [["sing a song", "oos"]],
          "test": [["how much money do i have", "balance"]]
        }
        """;

    [Fact]
    public async Task Clinc150_train_part_is_train_plus_oos_train()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("data.json", Clinc);

        var rows = await RoutingDatasetReader.ReadAsync(path);

        Assert.Equal(3, rows.Count);
        Assert.Equal(new LabeledUtterance("book a flight", "book_flight"), rows[0]);
        Assert.True(rows[2].IsOutOfScope);
    }

    [Fact]
    public async Task Clinc150_test_split_val_uses_val_plus_oos_val_and_test_has_no_oos_list()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("data.json", Clinc);

        var val = await RoutingDatasetReader.ReadAsync(path, null, RoutingDatasetPart.Test, "val");
        var test = await RoutingDatasetReader.ReadAsync(path, RoutingDatasetFormat.Clinc150, RoutingDatasetPart.Test);

        Assert.Equal(["fly me to rome", "sing a song"], val.Select(r => r.Text));
        Assert.Equal(["how much money do i have"], test.Select(r => r.Text));
    }

    [Fact]
    public async Task Clinc150_missing_split_names_the_key_and_what_is_there()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("data.json", """{"train": [["a", "b"]]}""");

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => RoutingDatasetReader.ReadAsync(path, null, RoutingDatasetPart.Test, "val"));

        Assert.Contains("'val'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("train", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_names_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.json", "{\n \"train\": [\n  [\"a\", \"b\"],,\n ]\n}");

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => RoutingDatasetReader.ReadAsync(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clinc150_row_of_the_wrong_shape_is_reported_with_its_index()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("data.json", """{"train": [["a", "b"], ["only text"]]}""");

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => RoutingDatasetReader.ReadAsync(path));

        Assert.Contains("'train' row 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Banking77_csv_handles_quoted_commas_doubled_quotes_and_line_breaks()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("train.csv", "text,category\r\nI am still waiting on my card?,card_arrival\r\n\"Hi, my card \"\"arrived\"\" broken\",card_damaged\r\n\"two\nlines\",card_arrival\r\n");

        var rows = await RoutingDatasetReader.ReadAsync(path);

        Assert.Equal(3, rows.Count);
        Assert.Equal("Hi, my card \"arrived\" broken", rows[1].Text);
        Assert.Equal("card_damaged", rows[1].Label);
        Assert.Equal("two\nlines", rows[2].Text);
    }

    [Fact]
    public async Task Csv_without_the_category_column_is_rejected()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("train.csv", "text,intent\nhello,greet\n");

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => RoutingDatasetReader.ReadAsync(path));

        Assert.Contains("category", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text,category\nok,a\n\"never closed,b\n", "line 3")]
    [InlineData("text,category\nok,a\nsay \"hi\" now,b\n", "line 3")]
    [InlineData("text,category\nok,a\n\"closed\"x,b\n", "line 3")]
    [InlineData("text,category\nok,a\nan, unquoted comma,b\n", "line 3")]
    public async Task Bad_csv_quoting_names_the_line(string content, string where)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("train.csv", content);

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => RoutingDatasetReader.ReadAsync(path));

        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jsonl_reads_rows_and_reports_a_bad_line()
    {
        using var dir = new TempDirectory();
        var good = dir.Write("good.jsonl", "{\"text\":\"hi\",\"label\":\"greet\"}\n\n{\"text\":\"mars weather\",\"label\":\"oos\"}\n");
        var bad = dir.Write("bad.jsonl", "{\"text\":\"hi\",\"label\":\"greet\"}\n{\"text\":\"no label\"}\n");

        var rows = await RoutingDatasetReader.ReadAsync(good);
        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => RoutingDatasetReader.ReadAsync(bad));

        Assert.Equal(2, rows.Count);
        Assert.True(rows[1].IsOutOfScope);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.jsonl", "")]
    [InlineData("empty.csv", "  \n")]
    [InlineData("header_only.csv", "text,category\n")]
    public async Task Empty_files_are_rejected_clearly(string name, string content)
    {
        using var dir = new TempDirectory();
        var path = dir.Write(name, content);

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => RoutingDatasetReader.ReadAsync(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_says_the_dataset_is_absent_and_where()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "nowhere", "train.csv");

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => RoutingDatasetReader.ReadAsync(path));

        Assert.Contains("absent", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.csv", "text,category\n", RoutingDatasetFormat.Banking77)]
    [InlineData("a.jsonl", "{}", RoutingDatasetFormat.Jsonl)]
    [InlineData("a.json", "{\"text\":\"x\",\"label\":\"y\"}\n", RoutingDatasetFormat.Jsonl)]
    [InlineData("a.json", "{\n \"train\": []\n}", RoutingDatasetFormat.Clinc150)]
    public void Format_is_detected_from_extension_then_content(string name, string content, RoutingDatasetFormat expected) =>
        Assert.Equal(expected, RoutingDatasetReader.DetectFormat(name, content));

    [Fact]
    public void Holdout_split_is_stratified_disjoint_and_reproducible()
    {
        var rows = Enumerable.Range(0, 50).Select(i => new LabeledUtterance($"text {i}", i % 5 == 0 ? "rare" : "common")).ToList();

        var (train, test) = RoutingDatasetSplitter.Split(rows, 0.2, 42);
        var again = RoutingDatasetSplitter.Split(rows, 0.2, 42);

        Assert.Equal(50, train.Count + test.Count);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(2, test.Count(r => r.Label == "rare"));
        Assert.Equal(8, test.Count(r => r.Label == "common"));
        Assert.Equal(test, again.Test);
    }
}
