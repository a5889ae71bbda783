using Orchestrator.Guardian.Pii;

namespace Orchestrator.Tests.Guardian;

public sealed class PiiDetectorTests
{
    private readonly PiiDetector _detector = new();

    [Theory]
    [InlineData("Mail jane.doe+hr@example.co.uk today", PiiType.Email, "jane.doe+hr@example.co.uk")]
    [InlineData("Call +1-604-696-5272 now", PiiType.Phone, "+1-604-696-5272")]
    [InlineData("Call +44 20 7946 0958 now", PiiType.Phone, "+44 20 7946 0958")]
    [InlineData("Call +41 (0)96 471 07 95 now", PiiType.Phone, "+41 (0)96 471 07 95")]
    [InlineData("Call (602) 272-9781 now", PiiType.Phone, "(602) 272-9781")]
    [InlineData("Call 905-674-3793x123 now", PiiType.Phone, "905-674-3793x123")]
    [InlineData("Appelez le 03.93.92.16.85 demain", PiiType.Phone, "03.93.92.16.85")]
    [InlineData("Ring 0688 872 49 99.", PiiType.Phone, "0688 872 49 99")]
    [InlineData("Ring 555-1234.", PiiType.Phone, "555-1234")]
    [InlineData("Card 4111 1111 1111 1111 expires soon", PiiType.CreditCard, "4111 1111 1111 1111")]
    [InlineData("Card 4111-1111-1111-1111.", PiiType.CreditCard, "4111-1111-1111-1111")]
    [InlineData("Amex 378282246310005 on file", PiiType.CreditCard, "378282246310005")]
    [InlineData("Card 4111111111111111 123 is the CVV", PiiType.CreditCard, "4111111111111111")]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32 and more", PiiType.Iban, "GB82 WEST 1234 5698 7654 32")]
    [InlineData("IBAN DE89370400440532013000.", PiiType.Iban, "DE89370400440532013000")]
    [InlineData("iban de89 3704 0044 0532 0130 00", PiiType.Iban, "de89 3704 0044 0532 0130 00")]
    [InlineData("SSN 123-45-6789.", PiiType.Ssn, "123-45-6789")]
    [InlineData("Host 192.168.1.10 is down", PiiType.IpAddress, "192.168.1.10")]
    [InlineData("Host 255.255.255.0.", PiiType.IpAddress, "255.255.255.0")]
    [InlineData("Host 2001:db8::8a2e:370:7334 is down", PiiType.IpAddress, "2001:db8::8a2e:370:7334")]
    [InlineData("Host fe80::1 is down", PiiType.IpAddress, "fe80::1")]
    [InlineData("Host 6e40:4041:c617:e898:c11:40d2:c669:2eb4.", PiiType.IpAddress, "6e40:4041:c617:e898:c11:40d2:c669:2eb4")]
    public void Finds_the_value_with_its_type_and_offsets(string text, PiiType type, string value)
    {
        var span = Assert.Single(_detector.Detect(text));
        Assert.Equal(type, span.Type);
        Assert.Equal(value, span.Value);
        Assert.Equal(value, text.Substring(span.Start, span.Length));
    }

    [Theory]
    [InlineData("Write to me at jane@localhost")]
    [InlineData("Card 4111 1111 1111 1112 fails Luhn")]
    [InlineData("Order 0000000000000000 is not a card")]
    [InlineData("IBAN DE89370400440532013001.")]
    [InlineData("SSN 000-12-3456")]
    [InlineData("SSN 666-12-3456")]
    [InlineData("SSN 912-34-5678")]
    [InlineData("SSN 123-00-4567")]
    [InlineData("SSN 123-45-0000")]
    [InlineData("Host 256.1.1.1 is not an address")]
    [InlineData("Section 1.2.3.4.5 of the handbook")]
    [InlineData("The meeting is at 12:30:45 today")]
    [InlineData("Due on 2024-01-15 at the latest")]
    [InlineData("Due on 15.03.2024 at the latest")]
    [InlineData("Due on 03/15/2024 or 3-15-2024")]
    [InlineData("Logged 1978-04-13 12:20:39 by the system")]
    [InlineData("Founded in 1998, renamed in 2004")]
    [InlineData("Install version 10.0.19041.1234 or v1.2.3")]
    [InlineData("See ticket INC-1234567 and #4455667 and JIRA-2024-0042")]
    [InlineData("Reference number 9498777106 in the portal")]
    [InlineData("The budget is $ 1 000 000 this year")]
    public void Ignores_lookalikes(string text) => Assert.Empty(_detector.Detect(text));

    [Fact]
    public void House_numbers_are_an_address_not_a_phone_number()
    {
        var spans = _detector.Detect("Meet at 17151 2450 Crown St");
        Assert.DoesNotContain(spans, s => s.Type == PiiType.Phone);
        Assert.Contains(spans, s => s.Type == PiiType.StreetAddress);
    }

    [Fact]
    public void Iban_with_a_bad_checksum_is_not_an_iban()
    {
        // Its digit groups may still be redacted as a phone number, which errs on the safe side.
        Assert.DoesNotContain(_detector.Detect("IBAN GB82 WEST 1234 5698 7654 33 has a bad checksum"), s => s.Type == PiiType.Iban);
    }

    [Fact]
    public void Reports_several_types_in_text_order_without_overlaps()
    {
        const string text = "Reach jane@example.com or +1 415 555 2671 from 10.0.0.1; card 5555 5555 5555 4444.";
        var spans = _detector.Detect(text);
        Assert.Equal([PiiType.Email, PiiType.Phone, PiiType.IpAddress, PiiType.CreditCard], spans.Select(s => s.Type));
        Assert.All(spans, s => Assert.Equal(s.Value, text.Substring(s.Start, s.Length)));
    }

    [Theory]
    [InlineData('1')]
    [InlineData('@')]
    [InlineData(':')]
    public void Hostile_megabyte_of_one_character_completes_with_nothing_found(char c)
    {
        Assert.Empty(_detector.Detect(new string(c, 1_000_000)));
    }

    [Fact]
    public void Hostile_megabyte_of_mixed_near_misses_completes()
    {
        var text = string.Concat(Enumerable.Repeat("a@1-2.3 +(4) a:b:", 60_000));
        var spans = _detector.Detect(text);
        Assert.All(spans, s => Assert.Equal(s.Value, text.Substring(s.Start, s.Length)));
    }
}
