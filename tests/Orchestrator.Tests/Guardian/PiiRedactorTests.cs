using Orchestrator.Guardian.Pii;

namespace Orchestrator.Tests.Guardian;

public sealed class PiiRedactorTests
{
    private readonly PiiRedactor _redactor = new();

    [Fact]
    public void Replaces_values_with_numbered_placeholders_per_type()
    {
        var redaction = _redactor.Redact("Mail ann@example.com, then bob@example.com, or call +44 20 7946 0958.");

        Assert.Equal("Mail <EMAIL_1>, then <EMAIL_2>, or call <PHONE_1>.", redaction.Text);
        Assert.Equal("ann@example.com", redaction.Mapping["<EMAIL_1>"]);
        Assert.Equal("+44 20 7946 0958", redaction.Mapping["<PHONE_1>"]);
    }

    [Fact]
    public void Same_value_gets_the_same_placeholder()
    {
        var redaction = _redactor.Redact("ann@example.com wrote to bob@example.com and cc'd ann@example.com");

        Assert.Equal("<EMAIL_1> wrote to <EMAIL_2> and cc'd <EMAIL_1>", redaction.Text);
        Assert.Equal(2, redaction.Mapping.Count);
        Assert.Equal(3, redaction.CountsByType()[PiiType.Email]);
    }

    [Fact]
    public void Restore_round_trips_and_fills_placeholders_in_a_new_reply()
    {
        const string original = "Card 4111 1111 1111 1111, IBAN DE89370400440532013000, SSN 123-45-6789, host 10.1.2.3.";
        var redaction = _redactor.Redact(original);

        Assert.DoesNotContain("4111", redaction.Text, StringComparison.Ordinal);
        Assert.Equal(original, redaction.Restore(redaction.Text));
        Assert.Equal("Blocked card 4111 1111 1111 1111.", redaction.Restore("Blocked card <CREDIT_CARD_1>."));
    }

    [Fact]
    public void Restore_leaves_unknown_placeholders_and_text_without_pii_alone()
    {
        var redaction = _redactor.Redact("Nothing personal here.");

        Assert.False(redaction.HasPii);
        Assert.Equal("Nothing personal here.", redaction.Text);
        Assert.Equal("Keep <EMAIL_9> as is.", redaction.Restore("Keep <EMAIL_9> as is."));
    }
}
