using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class PiiAnonymizerTests
{
    private static readonly PiiAnonymizer Anonymizer = PiiAnonymizer.Create();

    [Fact]
    public void Anonymize_TwoDifferentEmails_NumbersThemInOrderOfAppearance()
    {
        // Arrange
        const string text = "Write to anna@example.com or to ben@example.org, please.";

        // Act
        var result = Anonymizer.Anonymize(text);

        // Assert
        Assert.Equal("Write to <EMAIL_ADDRESS_1> or to <EMAIL_ADDRESS_2>, please.", result.Text);
        Assert.Equal("anna@example.com", result.Originals["<EMAIL_ADDRESS_1>"]);
        Assert.Equal("ben@example.org", result.Originals["<EMAIL_ADDRESS_2>"]);
    }

    [Fact]
    public void Anonymize_DifferentTypes_NumbersEachTypeFromOne()
    {
        // Arrange
        const string text = "Mail anna@example.com, call (415) 555-0132, or mail ben@example.org.";

        // Act
        var result = Anonymizer.Anonymize(text);

        // Assert
        Assert.Equal("Mail <EMAIL_ADDRESS_1>, call <PHONE_NUMBER_1>, or mail <EMAIL_ADDRESS_2>.", result.Text);
    }

    [Fact]
    public void Anonymize_RepeatedValue_GetsTheSamePlaceholderEverywhere()
    {
        // Arrange
        const string text = "My email is Jane.Doe@Example.com. Again: jane.doe@example.com. Card 4111 1111 1111 1111, i.e. 4111111111111111.";

        // Act
        var result = Anonymizer.Anonymize(text);

        // Assert
        Assert.Equal(
            "My email is <EMAIL_ADDRESS_1>. Again: <EMAIL_ADDRESS_1>. Card <CREDIT_CARD_1>, i.e. <CREDIT_CARD_1>.",
            result.Text);
        Assert.Equal(2, result.Originals.Count);
        Assert.Equal(4, result.Redactions.Count);
    }

    [Fact]
    public void Anonymize_SubjectAndBody_ShareNumberingAndPlaceholders()
    {
        // Arrange
        string[] fields =
        [
            "Refund for jane.doe@example.com",
            "Hi, please refund to DE89 3704 0044 0532 0130 00. Contact: bob@example.net or jane.doe@example.com.",
        ];

        // Act
        var result = Anonymizer.Anonymize(fields);

        // Assert
        Assert.Equal("Refund for <EMAIL_ADDRESS_1>", result.Texts[0]);
        Assert.Equal(
            "Hi, please refund to <IBAN_CODE_1>. Contact: <EMAIL_ADDRESS_2> or <EMAIL_ADDRESS_1>.",
            result.Texts[1]);
        Assert.Equal(["<EMAIL_ADDRESS_1>", "<EMAIL_ADDRESS_2>", "<IBAN_CODE_1>"], result.Originals.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Anonymize_Redactions_ReferToSpansInTheOriginalText()
    {
        // Arrange
        string[] fields = ["Call +44 20 7946 0958 today", "Server 203.0.113.45 and ssn 536-22-8147; also +44 20 7946 0958."];

        // Act
        var result = Anonymizer.Anonymize(fields);

        // Assert
        Assert.NotEmpty(result.Redactions);
        foreach (var r in result.Redactions)
        {
            var original = fields[r.Field][r.Start..r.End];
            Assert.Equal(result.Originals[r.Placeholder], original);
        }

        Assert.Equal(
            [(0, PiiTypes.PhoneNumber), (1, PiiTypes.IpAddress), (1, PiiTypes.UsSsn), (1, PiiTypes.PhoneNumber)],
            result.Redactions.Select(r => (r.Field, r.Type)));
    }

    [Fact]
    public void Anonymize_Placeholders_NeverContainTheValue()
    {
        // Arrange
        const string text = "Jane Doe, jane@example.com, +1 646 555 0199, 4111 1111 1111 1111, GB29 NWBK 6016 1331 9268 19, 078-05-1123, 10.0.0.1, DOB 1980-02-03.";

        // Act
        var result = Anonymizer.Anonymize(text);

        // Assert
        Assert.True(result.Originals.Count >= 7);
        foreach (var (placeholder, value) in result.Originals)
        {
            Assert.Matches("^<[A-Z_]+_[0-9]+>$", placeholder);
            Assert.DoesNotContain(value, placeholder, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(value, result.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Anonymize_TextWithCardIbanOrSsn_IsHighRisk()
    {
        // Arrange
        string[] risky = ["card 4111 1111 1111 1111", "IBAN GB29 NWBK 6016 1331 9268 19", "SSN 078-05-1123"];

        // Act
        var results = risky.Select(Anonymizer.Anonymize).ToList();

        // Assert
        Assert.All(results, r => Assert.True(r.ContainsHighRisk));
        Assert.Equal(
            [PiiTypes.CreditCard, PiiTypes.IbanCode, PiiTypes.UsSsn],
            results.SelectMany(r => r.Types));
    }

    [Fact]
    public void Anonymize_TextWithOnlyContactData_IsNotHighRisk()
    {
        // Arrange
        const string text = "Thanks,\nJane Doe\njane@example.com\n(415) 555-0132";

        // Act
        var result = Anonymizer.Anonymize(text);

        // Assert
        Assert.False(result.ContainsHighRisk);
        Assert.Equal([PiiTypes.EmailAddress, PiiTypes.PhoneNumber, PiiTypes.Person], result.Types);
    }

    [Fact]
    public void Anonymize_TextWithoutPii_IsUnchanged()
    {
        // Arrange
        const string text = "Order #100483921 shipped with 1Z999AA10123456784, invoice INV-2024-00017, $1,299.00.";

        // Act
        var result = Anonymizer.Anonymize(text);

        // Assert
        Assert.Equal(text, result.Text);
        Assert.Empty(result.Redactions);
        Assert.Empty(result.Originals);
    }

    [Fact]
    public void ToString_Result_ShowsCountsButNoValues()
    {
        // Arrange
        var result = Anonymizer.Anonymize("Mail jane@example.com or call (415) 555-0132.");

        // Act
        var summary = result.ToString();

        // Assert
        Assert.Equal("1 field(s), 2 redaction(s): EMAIL_ADDRESS=1, PHONE_NUMBER=1", summary);
        Assert.DoesNotContain("jane", summary, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Replace_OverlappingEntities_Throws()
    {
        // Arrange
        const string text = "abcdef";
        PiiEntity[] entities = [new(PiiTypes.Person, 0, 4, "abcd", 1), new(PiiTypes.Person, 2, 6, "cdef", 1)];

        // Act
        var act = () => PiiAnonymizer.Replace([text], [entities]);

        // Assert
        Assert.Throws<ArgumentException>(act);
    }

    [Fact]
    public void Replace_EntitiesGivenOutOfOrder_AreReplacedByPosition()
    {
        // Arrange
        const string text = "Ann met Bob.";
        PiiEntity[] entities = [new(PiiTypes.Person, 8, 11, "Bob", 1), new(PiiTypes.Person, 0, 3, "Ann", 1)];

        // Act
        var result = PiiAnonymizer.Replace([text], [entities]);

        // Assert
        Assert.Equal("<PERSON_1> met <PERSON_2>.", result.Text);
    }
}
