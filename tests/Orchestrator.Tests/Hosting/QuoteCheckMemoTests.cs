using Orchestrator.Pipeline;

namespace Orchestrator.Tests.Hosting;

/// <summary>The memo of quotes' pii results stays bounded: it cannot grow with traffic or hold huge quotes.</summary>
public sealed class QuoteCheckMemoTests
{
    [Fact]
    public void A_remembered_quote_gives_back_what_the_check_left()
    {
        var memo = new QuoteCheckMemo();

        memo.Remember("Write to ann@example.com.", "Write to <EMAIL_1>.");

        Assert.True(memo.TryGet("Write to ann@example.com.", out var shown));
        Assert.Equal("Write to <EMAIL_1>.", shown);
        Assert.False(memo.TryGet("write to ann@example.com.", out _));
    }

    [Fact]
    public void Past_its_bound_the_memo_starts_again_rather_than_growing()
    {
        var memo = new QuoteCheckMemo();
        for (var i = 0; i <= QuoteCheckMemo.MaxEntries; i++)
        {
            memo.Remember($"quote {i}", $"quote {i}");
        }

        Assert.InRange(memo.Count, 1, QuoteCheckMemo.MaxEntries);
        Assert.True(memo.TryGet($"quote {QuoteCheckMemo.MaxEntries}", out _));
    }

    [Fact]
    public void A_huge_quote_is_not_kept()
    {
        var memo = new QuoteCheckMemo();
        var huge = new string('a', QuoteCheckMemo.MaxQuoteLength + 1);

        memo.Remember(huge, huge);

        Assert.Equal(0, memo.Count);
        Assert.False(memo.TryGet(huge, out _));
    }
}
