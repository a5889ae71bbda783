using Orchestrator.Guardian.Classifiers;

namespace Orchestrator.Tests.Guardian.Classifiers;

/// <summary>
/// The encoder windows of <see cref="ClassifierFeatures"/> (branch guard17): shipped models read the
/// first 256 characters only; the experiments' pooled variants read every window of a long document, so
/// an instruction past the first window reaches the embedding head.
/// </summary>
public sealed class EncoderPoolingTests
{
    private static readonly string LongDocument = new string('a', 300) + " " + new string('z', 300);

    [Fact]
    public async Task The_head_pooling_of_shipped_models_encodes_only_the_first_window()
    {
        var embedder = new LetterHistogramEmbedder();
        var features = new ClassifierFeatures(embedder, hashBits: 10, separateEmbedding: true);
        var (vector, _) = await features.ExtractAsync(LongDocument, CancellationToken.None);

        Assert.Single(embedder.Seen);
        Assert.Equal(ClassifierFeatures.EncoderWindowChars, embedder.Seen[0].Length);
        Assert.Equal(LetterHistogramEmbedder.Dimensions, vector.Embedding!.Length);
    }

    [Fact]
    public async Task Mean_pooling_reads_every_window_and_averages_them()
    {
        var embedder = new LetterHistogramEmbedder();
        var features = new ClassifierFeatures(embedder, hashBits: 10, separateEmbedding: true, pooling: EncoderPooling.Mean);
        var (vector, _) = await features.ExtractAsync(LongDocument, CancellationToken.None);

        Assert.Equal(3, embedder.Seen.Count); // 601 characters: windows of 256, 256 and 89
        Assert.Contains(embedder.Seen, w => w.Contains('z', StringComparison.Ordinal));
        var zBucket = 'z' % LetterHistogramEmbedder.Dimensions;
        Assert.InRange(vector.Embedding![zBucket], 0.1f, 0.9f); // the tail's letter, averaged with the head's windows
    }

    [Fact]
    public async Task Mean_and_max_pooling_doubles_the_dimensions_and_keeps_the_strongest_window()
    {
        var embedder = new LetterHistogramEmbedder();
        var features = new ClassifierFeatures(embedder, hashBits: 10, separateEmbedding: true, pooling: EncoderPooling.MeanMax);
        var (vector, _) = await features.ExtractAsync(LongDocument, CancellationToken.None);

        Assert.Equal(2 * LetterHistogramEmbedder.Dimensions, vector.Embedding!.Length);
        var zBucket = 'z' % LetterHistogramEmbedder.Dimensions;
        Assert.True(vector.Embedding[LetterHistogramEmbedder.Dimensions + zBucket] > vector.Embedding[zBucket]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("short")]
    public async Task Empty_and_short_texts_give_one_window(string text)
    {
        var embedder = new LetterHistogramEmbedder();
        var features = new ClassifierFeatures(embedder, hashBits: 10, separateEmbedding: true, pooling: EncoderPooling.MeanMax);
        var (vector, _) = await features.ExtractAsync(text, CancellationToken.None);

        Assert.Single(embedder.Seen);
        Assert.Equal(2 * LetterHistogramEmbedder.Dimensions, vector.Embedding!.Length);
    }
}
