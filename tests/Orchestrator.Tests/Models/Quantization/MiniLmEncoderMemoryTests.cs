using Microsoft.ML.OnnxRuntime;
using Orchestrator.Models;
using Orchestrator.Models.Quantization;

namespace Orchestrator.Tests.Models.Quantization;

/// <summary>
/// The embedder's memory lifetime: the model's managed bytes are gone once the encoder is built
/// (they used to stay in the large-object heap until some later full collection), and only runs
/// larger than a query batch hand their ONNX arena growth back.
/// </summary>
public sealed class MiniLmEncoderMemoryTests
{
    [Fact]
    public void The_model_bytes_are_collected_when_the_encoder_is_built()
    {
        var bytes = new WeakReference<byte[]>(null!);
        using var encoder = MiniLmOnnxEncoder.Create(
            () =>
            {
                var model = MiniLmOnnxEncoder.PackageModelBytes();
                bytes.SetTarget(model);
                return model;
            },
            MiniLmQuantization.None,
            OneThread());

        // No collection is forced here: the encoder's own load must have released them.
        Assert.False(bytes.TryGetTarget(out _), "the 91 MB model array is still alive after the ONNX session was built");
        Assert.Single(encoder.Encode(["still encodes"], CancellationToken.None));
    }

    [Fact]
    public void The_int8_load_releases_the_model_bytes_too()
    {
        var bytes = new WeakReference<byte[]>(null!);
        using var encoder = MiniLmOnnxEncoder.Create(
            () =>
            {
                var model = MiniLmOnnxEncoder.PackageModelBytes();
                bytes.SetTarget(model);
                return model;
            },
            MiniLmQuantization.Int8,
            OneThread());

        Assert.False(bytes.TryGetTarget(out _), "the model array is still alive after the int8 session was built");
        Assert.True(encoder.QuantizedMatMuls > 0);
    }

    [Theory]
    [InlineData(1, 16, false)]      // one question
    [InlineData(32, 24, false)]     // a batch of questions from concurrent requests
    [InlineData(32, 64, false)]     // the boundary: 32 texts of 64 tokens
    [InlineData(32, 65, true)]
    [InlineData(32, 256, true)]     // an ingest batch of full passages
    [InlineData(2, 512, true)]      // two very long texts
    public void Only_runs_larger_than_a_query_batch_shrink_the_arena(int texts, int tokens, bool shrinks)
    {
        Assert.Equal(shrinks, MiniLmOnnxEncoder.ShrinksArenaAfter(texts, tokens));
    }

    [Fact]
    public void A_shrinking_run_gives_the_same_vectors_as_a_kept_arena()
    {
        using var encoder = MiniLmOnnxEncoder.Create(MiniLmQuantization.None, OneThread());
        string[] passages = [.. Enumerable.Range(0, 8).Select(i => string.Join(' ', Enumerable.Repeat($"Part-time staff accrue leave pro rata in year {i}.", 12)))];
        encoder.ArenaShrinkAboveCells = long.MaxValue;
        var kept = encoder.Encode(passages, CancellationToken.None);
        encoder.ArenaShrinkAboveCells = 0;
        var shrunk = encoder.Encode(passages, CancellationToken.None);
        Assert.Equal(kept, shrunk);
    }

    [Fact]
    public void A_load_that_returns_no_bytes_fails_clearly()
    {
        var ex = Assert.Throws<InvalidDataException>(() => MiniLmOnnxEncoder.Create(() => null!, MiniLmQuantization.None, OneThread()));
        Assert.Contains("no model bytes", ex.Message, StringComparison.Ordinal);
    }

    private static SessionOptions OneThread()
    {
        var options = new SessionOptions { IntraOpNumThreads = 1 };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }
}
