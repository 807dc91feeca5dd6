using System.Collections.Frozen;
using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class PersonRecognizerTests
{
    [Theory]
    [InlineData("Dear Ms. Okafor, thanks.", "Okafor")]
    [InlineData("Sehr geehrte Frau Wagner, Ihr Ticket", "Wagner")]
    [InlineData("Hello, my name is Sofia Alvarez and I ordered", "Sofia Alvarez")]
    [InlineData("Me llamo Carlos Romero y no puedo", "Carlos Romero")]
    [InlineData("Thanks,\nJane Doe", "Jane Doe")]
    [InlineData("Regards, John", "John")]
    [InlineData("Mit freundlichen Grüßen\n\nDr. Stefan Braun", "Stefan Braun")]
    [InlineData("Hi Sarah,\nthe issue is back.", "Sarah")]
    [InlineData("take your time. — Ben", "Ben")]
    [InlineData("Account holder: Giulia Rossi", "Giulia Rossi")]
    [InlineData("Met vriendelijke groet, Sanne de Vries", "Sanne de Vries")]
    [InlineData("Escalated by Brian O'Neill yesterday", "Brian O'Neill")]
    [InlineData("My wife Emily set up the account", "Emily")]
    [InlineData("I'm Wei Zhang from the Shanghai office.", "Wei Zhang")]
    public void Analyze_Name_FindsIt(string text, string expected) =>
        RecognizerAssert.Finds(PiiTypes.Person, text, expected);

    [Theory]
    [InlineData("Hello Support,\nthe app crashes.")]
    [InlineData("Dear Sir or Madam, I am writing to complain.")]
    [InlineData("Hi team, quick question.")]
    [InlineData("Thanks for nothing. Fix it.")]
    [InlineData("Will you ship in May or June?")]
    [InlineData("Sent from my iPhone")]
    [InlineData("Regards,\nThe Billing Team")]
    [InlineData("jane.doe@example.com wrote this")]
    [InlineData("- Printer offline\n- Scanner offline")]
    [InlineData("We have 12 Main users in Microsoft Teams")]
    public void Analyze_NoName_FindsNothing(string text) =>
        RecognizerAssert.FindsNothing(PiiTypes.Person, text);

    [Fact]
    public void Constructor_Default_LoadsEmbeddedFirstNames()
    {
        // Arrange
        var recognizer = new PersonRecognizer();

        // Act
        var count = recognizer.FirstNameCount;

        // Assert
        Assert.InRange(count, 1000, 5000);
    }

    [Theory]
    [InlineData("ordinal list")]
    [InlineData("case-insensitive frozen set")]
    [InlineData("frozen set that cannot look spans up")]
    public void Recognize_CustomFirstNames_FindsAGivenNameWithASurname(string kind)
    {
        // Arrange: given names are looked up by their characters in the text where the set allows it, else as strings.
        string[] names = ["Amara"];
        IEnumerable<string> firstNames = kind switch
        {
            "ordinal list" => names,
            "case-insensitive frozen set" => names.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            _ => names.ToFrozenSet(new OrdinalOnlyComparer()),
        };
        var recognizer = new PersonRecognizer(firstNames);

        // Act
        var found = recognizer.Recognize("the invoice went to Amara Okonkwo yesterday");

        // Assert
        Assert.Equal(["Amara Okonkwo"], found.Select(e => e.Text));
    }

    private sealed class OrdinalOnlyComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(obj);
    }
}
