using System.Collections.Frozen;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// The PII entity types ReviewDesk recognizes, named as Microsoft Presidio names them so that
/// results, placeholders and reports line up with Presidio's vocabulary.
/// </summary>
public static class PiiTypes
{
    /// <summary>An e-mail address.</summary>
    public const string EmailAddress = "EMAIL_ADDRESS";

    /// <summary>A telephone number in international or national format.</summary>
    public const string PhoneNumber = "PHONE_NUMBER";

    /// <summary>A payment card number that passes the Luhn check.</summary>
    public const string CreditCard = "CREDIT_CARD";

    /// <summary>An International Bank Account Number with a valid length and mod-97 checksum.</summary>
    public const string IbanCode = "IBAN_CODE";

    /// <summary>A United States social security number.</summary>
    public const string UsSsn = "US_SSN";

    /// <summary>An IPv4 or IPv6 address.</summary>
    public const string IpAddress = "IP_ADDRESS";

    /// <summary>A person's name.</summary>
    public const string Person = "PERSON";

    /// <summary>A postal street address (street and number, optionally unit, city and postcode).</summary>
    public const string StreetAddress = "STREET_ADDRESS";

    /// <summary>A date that the text presents as someone's date of birth.</summary>
    public const string DateOfBirth = "DATE_OF_BIRTH";

    /// <summary>Every type above, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        EmailAddress, PhoneNumber, CreditCard, IbanCode, UsSsn, IpAddress, Person, StreetAddress, DateOfBirth,
    ];

    /// <summary>
    /// Types whose exposure is most harmful (financial and national identifiers): a ticket that
    /// contains one of them is flagged for stricter handling.
    /// </summary>
    public static IReadOnlySet<string> HighRisk { get; } =
        new[] { CreditCard, IbanCode, UsSsn }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="type"/> is one of the <see cref="HighRisk"/> types.</summary>
    /// <param name="type">A Presidio entity type name.</param>
    /// <returns><see langword="true"/> for CREDIT_CARD, IBAN_CODE and US_SSN.</returns>
    public static bool IsHighRisk(string type) => HighRisk.Contains(type);
}
