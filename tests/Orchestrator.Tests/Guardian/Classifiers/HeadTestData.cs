using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Classifiers.Training;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Guardian.Classifiers;

/// <summary>What the classifier-head tests share: a tiny three-source training set and the corrupt-file check.</summary>
internal static class HeadTestData
{
    private static readonly string[] Benign =
    [
        "how many vacation days do I get", "what is the capital of France", "book a meeting room for tomorrow",
        "summarise this article about birds", "what time does the store open on sunday", "convert ten miles to kilometres",
    ];

    /// <summary>Attacks labelled 1 and the benign requests labelled 0, spread over sources s0–s2 so source cross-validation has folds.</summary>
    public static List<TrainingRow> Rows(IEnumerable<string> attacks) =>
        [.. attacks.Select((t, i) => new TrainingRow(t, 1, $"s{i % 3}")), .. Benign.Select((t, i) => new TrainingRow(t, 0, $"s{i % 3}"))];

    /// <summary>Writes <paramref name="json"/> with one edit to a model file and asserts loading it fails naming the file and <paramref name="expected"/>.</summary>
    public static void AssertCorruptFileIsRefused(string json, string find, string replace, string expected)
    {
        var index = json.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, find);
        using var dir = new TempDirectory();
        var path = dir.Write("injection.model.json", string.Concat(json.AsSpan(0, index), replace, json.AsSpan(index + find.Length)));

        var ex = Assert.Throws<ClassifierModelException>(() => ClassifierModel.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
