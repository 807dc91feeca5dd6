using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class IbanRecognizerTests
{
    [Theory]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX", "DE89 3704 0044 0532 0130 00")]
    [InlineData("NL91ABNA0417164300.", "NL91ABNA0417164300")]
    [InlineData("AL47-2121-1009-0000-0002-3569-8741", "AL47-2121-1009-0000-0002-3569-8741")]
    public void Analyze_Iban_FindsIt(string text, string expected) =>
        RecognizerAssert.Finds(PiiTypes.IbanCode, text, expected);

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 01")]
    [InlineData("de89 3704 0044 0532 0130 00")]
    [InlineData("DE89 3704 0044 0532 0130")]
    [InlineData("XX89 3704 0044 0532 0130 00")]
    [InlineData("DE89/3704/0044/0532/0130/00")]
    [InlineData("Order DE-2024-00017 and SKU AB12-3456")]
    public void Analyze_InvalidIban_FindsNothing(string text) =>
        RecognizerAssert.FindsNothing(PiiTypes.IbanCode, text);
}
