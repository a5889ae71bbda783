using System.Text.RegularExpressions;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tests.Tools;

/// <summary>
/// Value patterns built from a tool's schema are kept by pattern text (perf23) instead of compiled on every
/// tool request: one instance per pattern and options, the same matches, and a bounded cache.
/// </summary>
public sealed class ValuePatternCacheTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void The_same_pattern_is_one_instance_with_the_same_matches_as_a_fresh_regex()
    {
        const string pattern = @"(?<![\w-])(?:annual leave|sick leave|leave)(?![\w-])";
        var first = ValuePatternCache.Get(pattern, RegexOptions.IgnoreCase, Timeout);
        var second = ValuePatternCache.Get(pattern, RegexOptions.IgnoreCase, Timeout);
        Assert.Same(first, second);
        const string text = "Book Annual Leave, not sick-leave or SICK LEAVE; leave it.";
        var fresh = new Regex(pattern, RegexOptions.IgnoreCase, Timeout);
        Assert.Equal(fresh.Matches(text).Select(m => (m.Index, m.Value)), first.Matches(text).Select(m => (m.Index, m.Value)));
    }

    [Fact]
    public void Other_options_get_their_own_instance()
    {
        const string pattern = @"(?<![\w-])(?:remote)(?![\w-])";
        var ignoringCase = ValuePatternCache.Get(pattern, RegexOptions.IgnoreCase, Timeout);
        var exact = ValuePatternCache.Get(pattern, RegexOptions.None, Timeout);
        Assert.NotSame(ignoringCase, exact);
        Assert.Matches(ignoringCase, "REMOTE");
        Assert.DoesNotMatch(exact, "REMOTE");
    }

    [Fact]
    public void An_invalid_pattern_throws_as_the_constructor_does_and_is_not_kept()
    {
        Assert.ThrowsAny<ArgumentException>(() => ValuePatternCache.Get("(unclosed", RegexOptions.None, Timeout));
        Assert.ThrowsAny<ArgumentException>(() => ValuePatternCache.Get("(unclosed", RegexOptions.None, Timeout));
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_capacity()
    {
        for (var i = 0; i < ValuePatternCache.Capacity + 50; i++)
        {
            ValuePatternCache.Get($"capacity-probe-{i}", RegexOptions.None, Timeout);
        }

        Assert.InRange(ValuePatternCache.Count, 1, ValuePatternCache.Capacity);
    }
}
