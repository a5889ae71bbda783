using System.Security.Cryptography;
using System.Text;
using Orchestrator.Escalation;

namespace Orchestrator.Tests.Escalation;

/// <summary>
/// The key a cloud-safe answer is remembered by is built in one buffer now (perf23); it must be the very
/// string the former split, join and concatenation gave, or answers remembered before would stop matching.
/// </summary>
public sealed class CloudSafeAnswerKeyTests
{
    private static readonly string[] Pieces =
    [
        "Full-time", "employees", "receive", "25", "days", "[1].", "Überstunden", "\U0001F600", "\uD800", "\uDC00", "é",
        " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2003", "\u3000", "\u0085", "\u241F", "",
    ];

    [Fact]
    public void Every_key_equals_the_former_hash_of_the_joined_words()
    {
        var random = new Random(23);
        string?[] tenants = [null, "", "acme", "t\u241Fx", " spaced tenant "];
        for (var round = 0; round < 2_000; round++)
        {
            var answer = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            var tenant = tenants[random.Next(tenants.Length)];
            Assert.Equal(Former(tenant, answer), CloudSafeAnswers.Key(tenant, answer));
        }
    }

    [Fact]
    public void A_long_answer_keys_as_before()
    {
        var answer = string.Concat(Enumerable.Repeat("Leave carries over \t up to five days.\n", 2_000));
        Assert.Equal(Former("tenant", answer), CloudSafeAnswers.Key("tenant", answer));
    }

    [Fact]
    public void An_answer_differing_only_in_white_space_is_still_recognised()
    {
        var answers = new CloudSafeAnswers();
        answers.Remember("acme", "You get  25 days\n of leave.");
        Assert.True(answers.IsCloudSafe("acme", " You get 25\tdays of leave. "));
        Assert.False(answers.IsCloudSafe("other", "You get 25 days of leave."));
    }

    /// <summary>The implementation this replaces, verbatim.</summary>
    private static string Former(string? tenant, string answer)
    {
        var normalized = string.Join(' ', answer.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant ?? ""}\u241F{normalized}"));
        return Convert.ToHexString(hash);
    }
}
