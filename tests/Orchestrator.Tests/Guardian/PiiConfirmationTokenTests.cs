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
    [InlineData("Reply yes. [confirm:ABCDEFGH234567]", 11)]
    [InlineData("[confirm:A]", 0)]
    [InlineData("Reply yes. [confirm:ABCDEFGH234567] thanks", 42)]
    [InlineData("Reply yes. [confirm:ABCdEFGH]", 29)]
    [InlineData("Reply yes. [confirm:ABC 234]", 28)]
    [InlineData("Reply yes. [confirm:ABC1]", 25)]
    [InlineData("Reply yes. [confirm:]", 21)]
    [InlineData("[confirm:AB] and [confirm:CD]", 17)]
    [InlineData("no token]", 9)]
    [InlineData("", 0)]
    public void Only_a_closing_base32_token_is_cut(string text, int scanned) =>
        Assert.Equal(scanned, ConfirmationTokenSuffix.LengthBefore(text));

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
