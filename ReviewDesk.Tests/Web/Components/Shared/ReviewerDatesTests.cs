using ReviewDesk.Web.Components.Shared;

namespace ReviewDesk.Tests.Web.Components.Shared;

public sealed class ReviewerDatesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 14, 56, 53, 100, TimeSpan.Zero);

    [Theory]
    [InlineData("UTC", "3 Dec 2026, 14:56 UTC")]
    [InlineData("Europe/Berlin", "3 Dec 2026, 15:56 UTC+1")]
    [InlineData("America/New_York", "3 Dec 2026, 09:56 UTC-5")]
    [InlineData("Asia/Kolkata", "3 Dec 2026, 20:26 UTC+5:30")]
    public void Format_WritesOneFormat_InTheZone_WithItsOffset(string zone, string expected) =>
        Assert.Equal(expected, ReviewerDates.Format(At, TimeZoneInfo.FindSystemTimeZoneById(zone)));

    [Fact]
    public void FromReading_AnUnknownZoneName_FallsBackToTheBrowsersOffset()
    {
        var zone = BrowserTimeZone.FromReading(new BrowserZoneReading("Nowhere/Atlantis", -180));

        Assert.Equal("3 Dec 2026, 11:56 UTC-3", ReviewerDates.Format(At, zone));
    }
}
