using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class CreditCardRecognizerTests
{
    [Theory]
    [InlineData("Visa 4111 1111 1111 1111 declined", "4111 1111 1111 1111")]
    [InlineData("Amex 3782 822463 10005.", "3782 822463 10005")]
    [InlineData("card: 5555-5555-5555-4444", "5555-5555-5555-4444")]
    [InlineData("2221559797114711", "2221559797114711")]
    public void Analyze_CardNumber_FindsIt(string text, string expected) =>
        RecognizerAssert.Finds(PiiTypes.CreditCard, text, expected);

    [Theory]
    [InlineData("Card 4111 1111 1111 1112 failed")]
    [InlineData("4012-8888-8888-1882")]
    [InlineData("Paid with the card ending 4242, expiry 04/27")]
    [InlineData("Last four digits 1881")]
    [InlineData("Order 4000123456789017 is late")]
    [InlineData("Tracking 1Z999AA10123456784 and 9400 1000 0000 0000 0000 00")]
    [InlineData("Invoice INV-2024-00017, price $1,299.00")]
    [InlineData("Mixed separators 4111-1111 1111-1111")]
    [InlineData("Phone +55 21 99876 5432")]
    public void Analyze_HardNegative_FindsNoCard(string text) =>
        RecognizerAssert.FindsNothing(PiiTypes.CreditCard, text);
}
