using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class StreetAddressRecognizerTests
{
    [Theory]
    [InlineData("Ship to 742 Evergreen Terrace, Springfield, IL 62704.", "742 Evergreen Terrace, Springfield, IL 62704")]
    [InlineData("at 88 Oak Street, Apt 4B, Portland, OR 97205 now", "88 Oak Street, Apt 4B, Portland, OR 97205")]
    [InlineData("1200 Pennsylvania Ave NW, Washington, DC 20004", "1200 Pennsylvania Ave NW, Washington, DC 20004")]
    [InlineData("Send to 221B Baker Street, London NW1 6XE", "221B Baker Street, London NW1 6XE")]
    [InlineData("Adresse: Hauptstraße 12, 10115 Berlin.", "Hauptstraße 12, 10115 Berlin")]
    [InlineData("au 12 rue de la Paix, 75002 Paris", "12 rue de la Paix, 75002 Paris")]
    [InlineData("en Calle Mayor 5, 28013 Madrid.", "Calle Mayor 5, 28013 Madrid")]
    [InlineData("naar Kerkstraat 12, 1017 GC Amsterdam", "Kerkstraat 12, 1017 GC Amsterdam")]
    [InlineData("moved to 19 Maple Drive last week", "19 Maple Drive")]
    [InlineData("It went to 221B Baker Street.", "221B Baker Street")]
    [InlineData("It went to 100 Main St. yesterday", "100 Main St.")]
    // The patterns read a house number in any script's digits; the quick check for a digit must let it through.
    [InlineData("It went to \u0661\u0660\u0660 Main Street", "\u0661\u0660\u0660 Main Street")]
    public void Analyze_Address_FindsIt(string text, string expected) =>
        RecognizerAssert.Finds(PiiTypes.StreetAddress, text, expected);

    [Theory]
    [InlineData("3 items were missing, 2 were broken.")]
    [InlineData("We have 12 Main users and 3 admins.")]
    [InlineData("Meeting in room 4B on the 5th floor.")]
    [InlineData("Order 55123 for 2 Factor tokens")]
    [InlineData("Connection String 2 is wrong")]
    public void Analyze_NoAddress_FindsNothing(string text) =>
        RecognizerAssert.FindsNothing(PiiTypes.StreetAddress, text);
}
