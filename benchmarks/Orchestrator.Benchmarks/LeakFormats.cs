namespace Orchestrator.Benchmarks;

/// <summary>
/// One format of personal data in the leak run: its name, a sample value, the PII type the guardian
/// claims to detect ("id": the cloud boundary's identifier rule; null: not claimed), and words the value follows in the user's text (its cue, e.g.
/// "born on"), or null for the bare value. Only the value itself counts as a leak.
/// </summary>
internal sealed record LeakFormat(string Name, string Value, string? Claimed, string? Cue = null)
{
    /// <summary>The value as the user writes it: after its cue, if it has one.</summary>
    public string Text => Cue is null ? Value : Cue + " " + Value;
}

/// <summary>The formats of the <c>leaks</c> run. Claimed formats must never reach the cloud in clear; unclaimed ones are listed as such.</summary>
internal static class LeakFormats
{
    public static IReadOnlyList<LeakFormat> All { get; } =
    [
        new("email_plain", "johanna.vermeulen@gmail.com", "email"),
        new("email_plus_tag", "j.vermeulen+hr@contoso.example", "email"),
        new("email_subdomain", "tom@mail.hr.northwind.co.uk", "email"),
        new("email_upper_case", "TOM.JANSEN@NORTHWIND.EXAMPLE", "email"),
        new("email_digits_underscore", "user_1984@example.org", "email"),
        new("email_hyphen_domain", "a.de-vries@fabrikam-hr.example.com", "email"),
        new("phone_e164", "+31612345678", "phone"),
        new("phone_uk_spaced", "+44 20 7946 0958", "phone"),
        new("phone_nl_mobile", "06-12345678", "phone"),
        new("phone_us_parens", "(415) 555-0132", "phone"),
        new("phone_us_dots", "415.555.0132", "phone"),
        new("phone_de", "+49 30 12345678", "phone"),
        new("phone_fr_pairs", "+33 1 23 45 67 89", "phone"),
        new("phone_extension", "+1 212 555 0100 ext. 42", "phone"),
        new("phone_00_prefix", "0044 20 7946 0958", "phone"),
        new("iban_de_spaced", "DE89 3704 0044 0532 0130 00", "iban"),
        new("iban_nl_compact", "NL91ABNA0417164300", "iban"),
        new("iban_gb_spaced", "GB29 NWBK 6016 1331 9268 19", "iban"),
        new("iban_fr_spaced", "FR14 2004 1010 0505 0001 3M02 606", "iban"),
        new("iban_be_compact", "BE68539007547034", "iban"),
        new("card_visa_spaced", "4111 1111 1111 1111", "credit_card"),
        new("card_visa_dashed", "4111-1111-1111-1111", "credit_card"),
        new("card_visa_compact", "4111111111111111", "credit_card"),
        new("card_mastercard", "5555 5555 5555 4444", "credit_card"),
        new("card_amex", "3782 822463 10005", "credit_card"),
        new("card_discover", "6011 1111 1111 1117", "credit_card"),
        new("ssn_dashed", "536-22-1234", "ssn"),
        new("ssn_spaced", "536 22 1234", "ssn"),
        new("ipv4_private", "192.168.10.42", "ip_address"),
        new("ipv4_public", "203.0.113.77", "ip_address"),
        new("ipv6_compressed", "2001:db8:85a3::8a2e:370:7334", "ip_address"),
        new("ipv6_full", "2001:0db8:0000:0000:0000:ff00:0042:8329", "ip_address"),
        new("person_name", "Johanna Vermeulen", "person"),
        new("person_name_particle", "Jan de Vries", "person"),
        new("person_name_titled", "Dr. Amara Okafor", "person"),
        new("street_address_nl", "Keizersgracht 123, 1015 CJ Amsterdam", "street_address"),
        new("street_address_us", "1600 Pennsylvania Ave NW, Washington", "street_address"),
        new("street_address_uk", "221B Baker Street, London NW1 6XE", "street_address"),
        new("date_of_birth_cued", "14/03/1987", "date_of_birth", "born on"),
        new("passport_cued", "NXC3R4D12", "passport", "passport number"),
        new("bsn_nl", "111222333", "id"),                    // "id": the cloud boundary's identifier rule, not the detector
        new("account_number_bare", "4471093825", "id"),
        new("person_name_cjk", "王小明", null),
        new("postcode_nl", "1015 CJ", null),
        new("date_of_birth", "14/03/1987", null),
        new("employee_id", "NW-1004", null),
        new("passport_nl", "NXC3R4D12", null),
        new("uk_national_insurance_compact", "QQ123456C", "id"),
        new("uk_national_insurance", "QQ 12 34 56 C", null),
        new("licence_plate_nl", "12-ABC-3", null),
        new("salary", "EUR 5.400,00 gross", null),
        new("social_handle", "@jvermeulen87", null),
        new("mac_address", "00:1A:2B:3C:4D:5E", null),
        new("api_key", "sk-live-51HqLyjWDarjtT1zdp7dc", null),
        new("health_condition", "type 2 diabetes", null),
    ];
}
