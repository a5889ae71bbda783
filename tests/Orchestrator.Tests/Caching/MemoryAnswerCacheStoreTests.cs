using Orchestrator.Caching;

namespace Orchestrator.Tests.Caching;

public sealed class MemoryAnswerCacheStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static CachedAnswer Entry(string key, string scope, float[] vector, DateTimeOffset? expires = null) => new(
        key, scope, vector,
        new OrchestratorResponse
        {
            Answer = key,
            Route = new RouteInfo { Agent = "a", Confidence = 1, Candidates = [], OutOfScope = false },
            Guardian = new GuardianInfo { Passed = true, Checks = [] },
            Escalation = new EscalationInfo { Needed = false, Performed = false },
            Cost = new CostInfo(),
            TimingsMs = new TimingsInfo(),
        },
        expires ?? Now.AddHours(1));

    [Fact]
    public async Task Near_duplicates_are_found_only_within_their_scope_and_above_the_threshold()
    {
        var store = new MemoryAnswerCacheStore(100);
        await store.SetAsync(Entry("k1", "tenant-a", [1, 0]), default);
        await store.SetAsync(Entry("k2", "tenant-a", [0.6f, 0.8f]), default);

        var best = await store.FindSimilarAsync("tenant-a", [0.96f, 0.28f], 0.9, Now, default);
        Assert.Equal("k1", best!.Value.Entry.ExactKey);
        Assert.Null(await store.FindSimilarAsync("tenant-a", [0.96f, 0.28f], 0.99, Now, default));
        Assert.Null(await store.FindSimilarAsync("tenant-b", [1, 0], 0.5, Now, default));
    }

    [Fact]
    public async Task Expired_entries_never_answer_and_the_oldest_leave_when_full()
    {
        var store = new MemoryAnswerCacheStore(2);
        await store.SetAsync(Entry("old", "s", [1, 0], Now.AddSeconds(-1)), default);
        Assert.Null(await store.GetExactAsync("old", Now, default));
        Assert.Null(await store.FindSimilarAsync("s", [1, 0], 0.5, Now, default));

        await store.SetAsync(Entry("b", "s", [0, 1]), default);
        await store.SetAsync(Entry("c", "s", [0, 1]), default);
        Assert.Equal(2, store.Count);
        Assert.NotNull(await store.GetExactAsync("c", Now, default));
    }
}
