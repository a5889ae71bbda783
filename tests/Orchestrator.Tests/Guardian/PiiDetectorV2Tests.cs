using Orchestrator.Guardian.Pii;

namespace Orchestrator.Tests.Guardian;

/// <summary>PII v2: names, street addresses, cue-gated number shapes, confidences and folded input.</summary>
public sealed class PiiDetectorV2Tests
{
    private readonly PiiDetector _detector = new();

    [Theory]
    [InlineData("Please send it to Jennifer Hartley by Friday.", PiiType.Person, "Jennifer Hartley")]
    [InlineData("Could you correct it to Mr. Fábio Barros?", PiiType.Person, "Fábio Barros")]
    [InlineData("The verses from Faina D. Yefremova's tales", PiiType.Person, "Faina D. Yefremova")]
    [InlineData("My name is Sieuwerd Heuver", PiiType.Person, "Sieuwerd Heuver")]
    [InlineData("Nicole: remember me?", PiiType.Person, "Nicole")]
    [InlineData("Jacob lives on the hill.", PiiType.Person, "Jacob")]
    [InlineData("Ship it to 221 Baker Street, Apt. 4B today", PiiType.StreetAddress, "221 Baker Street, Apt. 4B")]
    [InlineData("Ship it to 17 W 5th Ave. please", PiiType.StreetAddress, "17 W 5th Ave.")]
    [InlineData("Dexter lives on Ziegelgasse 19 street.", PiiType.StreetAddress, "Ziegelgasse 19")]
    [InlineData("Write to PO Box 4471 instead", PiiType.StreetAddress, "PO Box 4471")]
    [InlineData("Reach me on 07700 063 966-Fax", PiiType.Phone, "07700 063 966")]
    [InlineData("Phone: 450 0840", PiiType.Phone, "450 0840")]
    [InlineData("mobile 9472 7916", PiiType.Phone, "9472 7916")]
    [InlineData("Desk: 5403926876", PiiType.Phone, "5403926876")]
    [InlineData("Phone:\n467 3395", PiiType.Phone, "467 3395")]
    [InlineData("my card # 503890547220 is blocked", PiiType.CreditCard, "503890547220")]
    [InlineData("card 180072992103979 lost", PiiType.CreditCard, "180072992103979")]
    [InlineData("My SSN is 125174954.", PiiType.Ssn, "125174954")]
    [InlineData("She was born on 2/19/1956.", PiiType.DateOfBirth, "2/19/1956")]
    [InlineData("DOB: March 4, 1987", PiiType.DateOfBirth, "March 4, 1987")]
    [InlineData("passport number X12345678 expires", PiiType.Passport, "X12345678")]
    [InlineData("my passport number NXC3R4D12 expires", PiiType.Passport, "NXC3R4D12")]
    [InlineData("Reisepass/passport: C01X00T47", PiiType.Passport, "C01X00T47")]
    [InlineData("French passport 09AA12345", PiiType.Passport, "09AA12345")]
    [InlineData("xxxxxxxxxxxxxxxx 221B Baker Street, London NW1 6XE is mine.", PiiType.StreetAddress, "221B Baker Street, London NW1 6XE")]
    public void Finds_the_value_with_its_type_offsets_and_a_confidence(string text, PiiType type, string value)
    {
        var span = Assert.Single(_detector.Detect(text), s => s.Type == type);
        Assert.Equal(value, span.Value);
        Assert.Equal(value, text.Substring(span.Start, span.Length));
        Assert.InRange(span.Confidence, 0.5, 1.0);
    }

    [Theory]
    [InlineData("Logged at 1700000000000 ms since the epoch")]
    [InlineData("Order 503890547220 shipped")]
    [InlineData("The id is 125174954 in the table")]
    [InlineData("Scores were 70-70-75-70 in the final round")]
    [InlineData("My driver's license number is 2270-66-1551")]
    [InlineData("The meeting was on 2/19/1956 in the archive")]
    [InlineData("Will you help me write an essay about English history?")]
    [InlineData("May I ask how OpenAI trained ChatGPT?")]
    [InlineData("We flew from San Francisco to New York.")]
    [InlineData("Explain why Python raises a TypeError here.")]
    [InlineData("The Cautionary Tales were published last year.")]
    [InlineData("Top 10 Best Way to learn.")]
    [InlineData("It happened on 9 June 1993 at noon.")]
    [InlineData("Passport renewals: form DS82, photo booth PHOTO2024.")]
    public void Leaves_ordinary_text_alone(string text) => Assert.Empty(_detector.Detect(text));

    [Fact]
    public void Full_width_digits_and_zero_width_characters_do_not_hide_a_card()
    {
        // "４１１１ １１１１ １１１１ １１１１" with a zero-width space inside the second group.
        const string text = "Card ４１１１ １\u200B１１１ １１１１ １１１１ please";
        var span = Assert.Single(_detector.Detect(text));
        Assert.Equal(PiiType.CreditCard, span.Type);
        Assert.Equal(text.Substring(span.Start, span.Length), span.Value);
        Assert.StartsWith("４", span.Value, StringComparison.Ordinal);
        Assert.EndsWith("１", span.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Cyrillic_look_alike_letters_do_not_hide_an_email()
    {
        const string text = "Mail jаne@exаmple.com now"; // Cyrillic а
        var span = Assert.Single(_detector.Detect(text));
        Assert.Equal(PiiType.Email, span.Type);
        Assert.Equal("jаne@exаmple.com", span.Value);
    }

    [Fact]
    public void Allow_list_still_applies_to_names()
    {
        var detector = new PiiDetector(new PiiAllowList(["Jennifer Hartley"]));
        Assert.Empty(detector.Detect("Please send it to Jennifer Hartley by Friday."));
    }

    [Fact]
    public void Redactor_replaces_names_and_addresses_with_placeholders()
    {
        var redaction = new PiiRedactor().Redact("My name is Jennifer Hartley and I live at 221 Baker Street.");
        Assert.Equal("My name is <PERSON_1> and I live at <STREET_ADDRESS_1>.", redaction.Text);
        Assert.Equal("Jennifer Hartley", redaction.Mapping["<PERSON_1>"]);
    }

    [Fact]
    public void Hostile_megabyte_of_capitalised_words_completes()
    {
        var text = string.Concat(Enumerable.Repeat("Jennifer Hartley Baker Street 12 Mr. ", 30_000));
        var spans = _detector.Detect(text);
        Assert.NotEmpty(spans);
        Assert.All(spans, s => Assert.Equal(s.Value, text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void Hostile_megabyte_of_zero_width_and_full_width_characters_completes()
    {
        var text = string.Concat(Enumerable.Repeat("\u200B１\u200D-\uFEFF", 200_000));
        var spans = _detector.Detect(text);
        Assert.All(spans, s => Assert.Equal(s.Value, text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void Empty_text_has_no_pii() => Assert.Empty(_detector.Detect(""));
}
