using Orchestrator.Guardian.Classifiers;
using Orchestrator.Models;
using Orchestrator.Routing;
using Orchestrator.Routing.Background;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Models.Quantization;

/// <summary>Everything keyed on the encoder tells fp32 and int8 MiniLM apart, and the guardian accepts int8 explicitly.</summary>
public sealed class EncoderIdentityTests
{
    private static RouterTrainingSet OrdersAndReturns() => new(
        [
            new RouteExamples("orders", ["Where is order 12345?", "what is the status of my order 777", "has order 4711 shipped yet"]),
            new RouteExamples("returns", ["How long do I have to return an item?", "can I get a refund", "what is the return window"]),
        ],
        ["what's the weather tomorrow", "tell me a joke", "who won the football match"]);

    [Fact]
    public async Task A_router_cached_for_one_encoder_is_not_reused_for_the_other()
    {
        using var dir = new TempDirectory();
        var fp32 = await SemanticRouter.FitAsync(OrdersAndReturns(), SharedEmbedder.Instance, cacheDirectory: dir.Path);
        var int8 = await SemanticRouter.FitAsync(OrdersAndReturns(), SharedEmbedder.Int8, cacheDirectory: dir.Path);
        var int8Again = await SemanticRouter.FitAsync(OrdersAndReturns(), SharedEmbedder.Int8, cacheDirectory: dir.Path);

        Assert.False(fp32.LoadedFromCache);
        Assert.False(int8.LoadedFromCache);
        Assert.True(int8Again.LoadedFromCache);
        Assert.Equal(2, Directory.GetFiles(dir.Path, "semantic-router-*.bin").Length);
    }

    [Fact]
    public async Task The_background_vector_memo_keeps_the_two_encoders_apart()
    {
        string[] texts = ["thanks, that's all", "tell me a joke about penguins please"];
        var fp32 = await BackgroundVectorMemo.EmbedAsync(texts, SharedEmbedder.Instance, CancellationToken.None);
        var int8 = await BackgroundVectorMemo.EmbedAsync(texts, SharedEmbedder.Int8, CancellationToken.None);
        var direct = await SharedEmbedder.Int8.EmbedManyAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.NotEqual(fp32[i], int8[i]);
            Assert.Equal(direct[i], int8[i]);
        }
    }

    [Fact]
    public void Heads_trained_on_fp32_minilm_accept_int8_minilm_and_nothing_else_new()
    {
        Assert.True(ClassifierEncoders.Accepts(MiniLmEmbeddingGenerator.ModelId, MiniLmEmbeddingGenerator.ModelId));
        Assert.True(ClassifierEncoders.Accepts(MiniLmEmbeddingGenerator.ModelId, MiniLmEmbeddingGenerator.Int8ModelId));
        Assert.True(ClassifierEncoders.Accepts(MiniLmEmbeddingGenerator.Int8ModelId, MiniLmEmbeddingGenerator.Int8ModelId));

        // Not the other way: a head trained on int8 vectors was never measured on fp32 ones.
        Assert.False(ClassifierEncoders.Accepts(MiniLmEmbeddingGenerator.Int8ModelId, MiniLmEmbeddingGenerator.ModelId));
        Assert.False(ClassifierEncoders.Accepts(MiniLmEmbeddingGenerator.ModelId, "snowflake-arctic-embed-xs"));
        Assert.False(ClassifierEncoders.Accepts(MiniLmEmbeddingGenerator.ModelId, "all-MiniLM-L6-v2-int4"));
    }

    [Fact]
    public void The_shipped_classifiers_share_the_int8_embedder_instead_of_loading_their_own()
    {
        var encoder = ShippedClassifiers.EncoderFor(SharedEmbedder.Int8, out var owned);
        Assert.Same(SharedEmbedder.Int8, encoder);
        Assert.Null(owned);
        var harm = new GuardianClassifier(ShippedClassifiers.Load(ShippedClassifiers.Harm), SharedEmbedder.Int8);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, harm.Model.RequiredEncoder);
    }

    [Fact]
    public void A_head_trained_on_int8_vectors_refuses_the_fp32_encoder()
    {
        var shipped = ShippedClassifiers.Load(ShippedClassifiers.Harm);
        var int8Trained = shipped with { EmbeddingHead = shipped.EmbeddingHead! with { Encoder = MiniLmEmbeddingGenerator.Int8ModelId } };
        var ex = Assert.Throws<ArgumentException>(() => new GuardianClassifier(int8Trained, SharedEmbedder.Instance));
        Assert.Contains(MiniLmEmbeddingGenerator.Int8ModelId, ex.Message, StringComparison.Ordinal);
    }
}
