using System.Text.Json.Nodes;
using Orchestrator.Guardian.Pii;
using Orchestrator.Tools;

namespace Orchestrator.Tests.Guardian;

/// <summary>
/// The PII pass skips the signed <c>[confirm:…]</c> token that ends a tool proposal (its most expensive input,
/// never personal data) and finds exactly what it found before in the text ahead of it.
/// </summary>
public sealed class PiiConfirmationTokenTests
{
    private static readonly CallerIdentity Alice = new("alice", "northwind");

    private readonly PiiDetector _detector = new();

    public static TheoryData<string> Summaries => new()
    {
        "My laptop screen keeps flickering, please open a ticket",
        "Call John Smith on +44 20 7946 0958 or mail john.smith@example.com about the VPN",
        "Refund card 4111 1111 1111 1111 to IBAN DE89370400440532013000 for Maria Garcia",
        "Ship to 221B Baker Street, London NW1 6XE, attention Dr. Jane Watson",
    };

    [Theory]
    [MemberData(nameof(Summaries))]
    public void Spans_of_a_proposal_are_those_of_its_text_before_the_token(string summary)
    {
        var confirmations = new ToolConfirmations();
        for (var i = 0; i < 50; i++)
        {
            var (answer, tokenStart) = Proposal(confirmations, summary);
            var expected = _detector.Detect(answer[..tokenStart]);
            Assert.Equal(expected, _detector.Detect(answer));
        }
    }

    [Fact]
    public void A_proposal_token_allocates_next_to_nothing_to_scan()
    {
        // Before the token was skipped, a 300-letter token cost about 70 KB of allocation per scan.
        var (answer, tokenStart) = Proposal(new ToolConfirmations(), "My laptop screen keeps flickering, please open a ticket");
        var prefix = answer[..tokenStart];
        for (var i = 0; i < 20; i++)
        {
            _detector.Detect(answer);
            _detector.Detect(prefix);
        }

        var withToken = Allocated(() => _detector.Detect(answer));
        var withoutToken = Allocated(() => _detector.Detect(prefix));
        Assert.True(withToken - withoutToken < 4096, $"{withToken} bytes with the token, {withoutToken} without");
    }

    [Theory]
    [InlineData("Reply yes. [confirm:{T}]", 11)]
    [InlineData("[confirm:{T}]", 0)]
    [InlineData("Reply yes. [confirm:{T}] thanks", -1)]
    [InlineData("Reply yes. [confirm:{T}d]", -1)]
    [InlineData("Reply yes. [confirm:{T} 234]", -1)]
    [InlineData("Reply yes. [confirm:{T}1]", -1)]
    [InlineData("Reply yes. [confirm:]", -1)]
    [InlineData("[confirm:{T}] and [confirm:{T}]", 68)]
    [InlineData("no token]", -1)]
    [InlineData("", -1)]
    public void Only_a_closing_base32_token_is_cut(string template, int scanned)
    {
        var text = template.Replace("{T}", Letters(ConfirmationTokenSuffix.MinimumLetters), StringComparison.Ordinal);
        Assert.Equal(scanned < 0 ? text.Length : scanned, ConfirmationTokenSuffix.LengthBefore(text));
    }

    [Theory]
    [InlineData("My card is [confirm:4222222222222]")]
    [InlineData("[confirm:ABCDEFGH234567]")]
    public void A_bracketed_run_shorter_than_a_signed_token_is_scanned(string text) =>
        Assert.Equal(text.Length, ConfirmationTokenSuffix.LengthBefore(text));

    [Fact]
    public void A_signed_token_is_never_shorter_than_the_minimum()
    {
        // The smallest call the confirmations can sign: the two layers meet only here.
        var (answer, tokenStart) = Proposal(new ToolConfirmations(), "x");
        var letters = answer.Length - tokenStart - "[confirm:]".Length;
        Assert.True(letters >= ConfirmationTokenSuffix.MinimumLetters, $"{letters} letters");
        Assert.Equal(tokenStart, ConfirmationTokenSuffix.LengthBefore(answer));
    }

    private static string Letters(int count) => string.Concat(Enumerable.Repeat("ABCDEFGH234567", (count / 14) + 1))[..count];

    private static (string Answer, int TokenStart) Proposal(ToolConfirmations confirmations, string summary)
    {
        var arguments = new JsonObject { ["summary"] = summary, ["priority"] = "P2" };
        var token = confirmations.Sign(new ProposedToolCall("create_it_ticket", arguments), "it-ticket", Alice);
        var text = $"I'm ready to create an IT ticket with summary \"{summary}\", priority P2. Reply \"yes\" to confirm or \"no\" to cancel. ";
        return (text + token, text.Length);
    }

    private static long Allocated(Action scan)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        scan();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
