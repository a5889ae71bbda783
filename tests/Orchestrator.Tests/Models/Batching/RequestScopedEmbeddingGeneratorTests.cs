using Microsoft.Extensions.AI;
using Orchestrator.Models.Batching;

namespace Orchestrator.Tests.Models.Batching;

public sealed class RequestScopedEmbeddingGeneratorTests
{
    [Fact]
    public async Task Inside_one_scope_a_text_is_embedded_once_however_many_stages_ask()
    {
        var inner = new GatedEmbeddingGenerator { Gated = false };
        using var memo = new RequestScopedEmbeddingGenerator(inner);
        using (EmbeddingScope.Begin())
        {
            var router = await memo.GenerateAsync(["how many vacation days"]);
            var retrieval = await memo.GenerateAsync(["how many vacation days", "a passage sentence"]);
            Assert.Equal(router[0].Vector.ToArray(), retrieval[0].Vector.ToArray());
        }

        Assert.Equal([["how many vacation days"], ["a passage sentence"]], inner.Calls.Select(c => c.ToArray()).ToArray());
    }

    [Fact]
    public async Task Outside_a_scope_and_across_scopes_nothing_is_shared()
    {
        var inner = new GatedEmbeddingGenerator { Gated = false };
        using var memo = new RequestScopedEmbeddingGenerator(inner);
        await memo.GenerateAsync(["q"]);
        await memo.GenerateAsync(["q"]);
        using (EmbeddingScope.Begin())
        {
            await memo.GenerateAsync(["q"]);
        }

        using (EmbeddingScope.Begin())
        {
            await memo.GenerateAsync(["q", "q"]);
        }

        Assert.Equal(4, inner.Calls.Count);
        Assert.Equal(["q"], inner.Calls.Last()); // duplicates within one call are embedded once
    }

    [Fact]
    public async Task Each_trip_to_the_model_is_one_embed_span_with_its_text_count_and_a_memo_hit_is_none()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == Orchestrator.Diagnostics.OrchestratorTelemetry.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var inner = new GatedEmbeddingGenerator { Gated = false };
        using var memo = new RequestScopedEmbeddingGenerator(inner);
        System.Diagnostics.ActivityTraceId trace;
        using (var parent = new System.Diagnostics.Activity("test").Start()) // other tests may embed at the same time: count only this trace
        using (EmbeddingScope.Begin())
        {
            trace = parent.TraceId;
            await memo.GenerateAsync(["q", "q two"]);
            await memo.GenerateAsync(["q"]);
        }

        var mine = spans.Where(s => s.OperationName == "orchestrator.embed" && s.TraceId == trace).ToList();
        var embed = Assert.Single(mine);
        Assert.Equal(2, embed.GetTagItem("orchestrator.embed.texts"));
    }
}
