using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class UsSsnRecognizerTests
{
    [Theory]
    [InlineData("SSN 536-22-8147.", "536-22-8147")]
    [InlineData("ssn: 512 33 4490", "512 33 4490")]
    [InlineData("My social security number is 536228147", "536228147")]
    public void Analyze_Ssn_FindsIt(string text, string expected) =>
        RecognizerAssert.Finds(PiiTypes.UsSsn, text, expected);

    [Theory]
    [InlineData("000-12-3456")]
    [InlineData("666-12-3456")]
    [InlineData("912-12-3456")]
    [InlineData("536-00-8147")]
    [InlineData("536-22-0000")]
    [InlineData("111-11-1111")]
    [InlineData("536-22.8147")]
    [InlineData("Order 536-22-8147 shipped")]
    [InlineData("Reference 536228147 without any SSN word")]
    [InlineData("Part 123-4567-89 and date 2024-03-15")]
    public void Analyze_NotAnSsn_FindsNothing(string text) =>
        RecognizerAssert.FindsNothing(PiiTypes.UsSsn, text);
}
