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
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Upper-case name used in placeholders, e.g. "CREDIT_CARD" in &lt;CREDIT_CARD_1&gt;.</summary>
    public static string ToPlaceholderName(this PiiType type) => type.ToSnakeName().ToUpperInvariant();
}

/// <summary>One detected value: <c>text.Substring(Start, Length) == Value</c>.</summary>
public sealed record PiiSpan(PiiType Type, int Start, int Length, string Value)
{
    public int End => Start + Length;
}
