using Microsoft.Extensions.Time.Testing;
using Orchestrator.Caching;
using Orchestrator.Models;

namespace Orchestrator.Tests.Caching;

/// <summary>
/// What every answer cache store must do, run against each one by a derived class. Entries are
/// written through <see cref="Writer"/> and read through <see cref="Reader"/>: the same store in
/// memory, two replicas' stores over one server on Redis, so every case also checks sharing.
/// </summary>
public abstract class AnswerCacheStoreConformanceTests : IAsyncLifetime
{
    protected const int Dims = 8;

    private IAnswerCacheStore? _writer;
    private IAnswerCacheStore? _reader;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private IAnswerCacheStore Writer => _writer ?? throw new InvalidOperationException("call UseAsync first");

    private IAnswerCacheStore Reader => _reader ?? throw new InvalidOperationException("call UseAsync first");

    private DateTimeOffset Now => Time.GetUtcNow();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        (_writer as IDisposable)?.Dispose();
        (_reader as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The writer's and the reader's store, each holding at most <paramref name="maxEntries"/> (per scope where the store bounds per scope).</summary>
    internal abstract (IAnswerCacheStore Writer, IAnswerCacheStore Reader) OpenStores(int maxEntries);

    [CacheStoreFact]
    public async Task An_exact_key_returns_its_answer_whole_and_an_unknown_key_nothing()
    {
        Use(100);
        var stored = Entry("k1", "scope-a", Axis(0), "Employees park on level 2.");
        await Writer.SetAsync(stored, default);

        var found = await Reader.GetExactAsync("k1", Now, default);

        Assert.NotNull(found);
        Assert.Equal("scope-a", found.Scope);
        Assert.Equal(stored.Response.Answer, found.Response.Answer);
        Assert.Equal(stored.Response.Citations, found.Response.Citations);
        Assert.Equal(stored.Response.Route.Agent, found.Response.Route.Agent);
        Assert.Equal(stored.Vector, found.Vector);
        Assert.Null(await Reader.GetExactAsync("k2", Now, default));
    }

    [CacheStoreFact]
    public async Task Near_duplicates_hit_at_or_above_the_threshold_and_miss_below()
    {
        Use(100);
        await Writer.SetAsync(Entry("k1", "s", Axis(0)), default);
        await Writer.SetAsync(Entry("k2", "s", Axis(1)), default);
        var query = Axis(0, tilt: 0.3f); // cosine 0.958 to axis 0, 0.287 to axis 1

        var hit = await Reader.FindSimilarAsync("s", query, 0.95, Now, default);

        Assert.Equal("k1", hit!.Value.Entry.ExactKey);
        Assert.Equal(0.958, hit.Value.Similarity, 3);
        Assert.Null(await Reader.FindSimilarAsync("s", query, 0.96, Now, default));
    }

    [CacheStoreFact]
    public async Task Scopes_never_answer_each_others_near_duplicates()
    {
        Use(100);
        await Writer.SetAsync(Entry("k1", "tenant-a|facilities", Axis(0)), default);

        Assert.Null(await Reader.FindSimilarAsync("tenant-b|facilities", Axis(0), 0.5, Now, default));
        Assert.Null(await Reader.FindSimilarAsync("tenant-a|people", Axis(0), 0.5, Now, default));
        Assert.NotNull(await Reader.FindSimilarAsync("tenant-a|facilities", Axis(0), 0.5, Now, default));

        // An exact key names its scope, so the cache can refuse an entry of another scope.
        Assert.Equal("tenant-a|facilities", (await Reader.GetExactAsync("k1", Now, default))!.Scope);
    }

    [CacheStoreFact]
    public async Task Entries_expire_on_the_injected_clock()
    {
        Use(100);
        await Writer.SetAsync(Entry("k1", "s", Axis(0), ttlSeconds: 60), default);

        Time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await Reader.GetExactAsync("k1", Now, default));
        Assert.NotNull(await Reader.FindSimilarAsync("s", Axis(0), 0.9, Now, default));

        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await Reader.GetExactAsync("k1", Now, default));
        Assert.Null(await Reader.FindSimilarAsync("s", Axis(0), 0.9, Now, default));
    }

    [CacheStoreFact]
    public async Task A_newer_answer_under_the_same_key_replaces_the_old_one()
    {
        // After a re-ingest the same question has the same exact key but a new scope; the memory
        // store kept the first entry forever (TryAdd), so the question was never cached again.
        Use(100);
        await Writer.SetAsync(Entry("k1", "before-ingest", Axis(0), "level 2"), default);
        Time.Advance(TimeSpan.FromSeconds(10));
        await Writer.SetAsync(Entry("k1", "after-ingest", Axis(0), "level 3"), default);

        var exact = await Reader.GetExactAsync("k1", Now, default);
        Assert.Equal(("after-ingest", "level 3"), (exact!.Scope, exact.Response.Answer));
        Assert.Null(await Reader.FindSimilarAsync("before-ingest", Axis(0), 0.9, Now, default));
        Assert.Equal("level 3", (await Reader.FindSimilarAsync("after-ingest", Axis(0), 0.9, Now, default))!.Value.Entry.Response.Answer);
    }

    [CacheStoreFact]
    public async Task An_expired_question_is_cached_again_when_answered_again()
    {
        Use(100);
        await Writer.SetAsync(Entry("k1", "s", Axis(0), "first", ttlSeconds: 60), default);
        Time.Advance(TimeSpan.FromSeconds(61));
        await Writer.SetAsync(Entry("k1", "s", Axis(0), "second", ttlSeconds: 60), default);

        Assert.Equal("second", (await Reader.GetExactAsync("k1", Now, default))!.Response.Answer);
        Assert.Equal("second", (await Reader.FindSimilarAsync("s", Axis(0), 0.9, Now, default))!.Value.Entry.Response.Answer);
    }

    [CacheStoreFact]
    public async Task A_scope_keeps_at_most_max_entries_candidates_the_oldest_leave_first()
    {
        Use(3);
        for (var i = 0; i < 5; i++)
        {
            await Writer.SetAsync(Entry($"k{i}", "s", Axis(i)), default);
        }

        Assert.Null(await Reader.FindSimilarAsync("s", Axis(0), 0.9, Now, default));
        Assert.Null(await Reader.FindSimilarAsync("s", Axis(1), 0.9, Now, default));
        for (var i = 2; i < 5; i++)
        {
            Assert.Equal($"k{i}", (await Reader.FindSimilarAsync("s", Axis(i), 0.9, Now, default))!.Value.Entry.ExactKey);
        }
    }

    [CacheStoreFact]
    public async Task Odd_scope_and_key_strings_are_kept_apart_and_round_trip()
    {
        Use(100);
        string[] odd = ["", " ", "{slot}", "a\nb\0c", "tenant:*:[x]", "ü🙂", new string('z', 100_000)];
        for (var i = 0; i < odd.Length; i++)
        {
            await Writer.SetAsync(Entry(odd[i], odd[i], Axis(i % Dims), $"answer {i}"), default);
        }

        for (var i = 0; i < odd.Length; i++)
        {
            Assert.Equal($"answer {i}", (await Reader.GetExactAsync(odd[i], Now, default))!.Response.Answer);
            Assert.Equal($"answer {i}", (await Reader.FindSimilarAsync(odd[i], Axis(i % Dims), 0.99, Now, default))!.Value.Entry.Response.Answer);
        }
    }

    [CacheStoreFact]
    public async Task A_query_vector_of_another_length_is_a_miss_not_a_crash()
    {
        Use(100);
        await Writer.SetAsync(Entry("k1", "s", Axis(0)), default);

        Assert.Null(await Reader.FindSimilarAsync("s", [1, 0, 0], 0.1, Now, default));
        Assert.Null(await Reader.FindSimilarAsync("s", [], 0.1, Now, default));
    }

    internal CachedAnswer Entry(string key, string scope, float[] vector, string answer = "An answer.", int ttlSeconds = 3600) => new(
        key, scope, vector,
        new OrchestratorResponse
        {
            Answer = answer,
            Route = new RouteInfo { Agent = "facilities", Confidence = 0.9, Candidates = [], OutOfScope = false },
            Citations = [new CitationInfo(1, "parking.md", "Parking > Garage", "Employees may park on level 2.")],
            Guardian = new GuardianInfo { Passed = true, Checks = [] },
            Escalation = new EscalationInfo { Needed = false, Performed = false },
            Cost = new CostInfo(),
            TimingsMs = new TimingsInfo(),
        },
        Now.AddSeconds(ttlSeconds));

    protected static float[] Axis(int axis, float tilt = 0)
    {
        var v = new float[Dims];
        v[axis % Dims] = 1;
        v[(axis + 1) % Dims] = tilt;
        return VectorMath.Normalize(v);
    }

    private void Use(int maxEntries) => (_writer, _reader) = OpenStores(maxEntries);
}
