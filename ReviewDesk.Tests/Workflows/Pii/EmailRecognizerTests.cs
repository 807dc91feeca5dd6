using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class EmailRecognizerTests
{
    [Theory]
    [InlineData("Mail t.nguyen+billing@northwind-traders.co.uk today", "t.nguyen+billing@northwind-traders.co.uk")]
    [InlineData("(jane@example.com)", "jane@example.com")]
    [InlineData("End of sentence: ops@example.io.", "ops@example.io")]
    [InlineData("a@example.com", "a@example.com")]
    public void Analyze_EmailAddress_FindsIt(string text, string expected) =>
        RecognizerAssert.Finds(PiiTypes.EmailAddress, text, expected);

    [Theory]
    [InlineData("SSH to user@2001:db8::1")]
    [InlineData("my email is info@presidio.")]
    [InlineData("Mention @support in the channel")]
    [InlineData("Package name foo@1.2.3 is pinned")]
    public void Analyze_NotAnEmailAddress_FindsNothing(string text) =>
        RecognizerAssert.FindsNothing(PiiTypes.EmailAddress, text);
}
