namespace Orchestrator.Guardian.Pii;

/// <summary>The kinds of personal data the detector finds, in the order overlaps are resolved (first wins).</summary>
public enum PiiType
{
    Email,
    Iban,
    CreditCard,
    Ssn,
    IpAddress,
    Phone,
    Passport,
    DateOfBirth,
    StreetAddress,
    Person,
}

public static class PiiTypeNames
{
    /// <summary>Lower-case snake name used in check details, e.g. "credit_card".</summary>
    public static string ToSnakeName(this PiiType type) => type switch
    {
        PiiType.Email => "email",
        PiiType.Iban => "iban",
        PiiType.CreditCard => "credit_card",
        PiiType.Ssn => "ssn",
        PiiType.IpAddress => "ip_address",
        PiiType.Phone => "phone",
        PiiType.Passport => "passport",
        PiiType.DateOfBirth => "date_of_birth",
        PiiType.StreetAddress => "street_address",
        PiiType.Person => "person",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Upper-case name used in placeholders, e.g. "CREDIT_CARD" in &lt;CREDIT_CARD_1&gt;.</summary>
    public static string ToPlaceholderName(this PiiType type) => type.ToSnakeName().ToUpperInvariant();
}

/// <summary>
/// One detected value: <c>text.Substring(Start, Length) == Value</c>. <see cref="Confidence"/> is how
/// sure the rule that found it is, from 0.6 (a lone listed first name) to 1 (a checksum-valid IBAN).
/// </summary>
public sealed record PiiSpan(PiiType Type, int Start, int Length, string Value)
{
    public int End => Start + Length;

    public double Confidence { get; init; } = 1.0;
}
