using ReviewDesk.Web.Hosting;

namespace ReviewDesk.Tests.Web.Hosting;

public sealed class SystemInfoTests
{
    [Theory]
    [InlineData("0.1.0+0123456789abcdef0123456789abcdef01234567", "0.1.0 (0123456)")]
    [InlineData("0.1.0+abc", "0.1.0 (abc)")]
    [InlineData("0.1.0+", "0.1.0")]
    [InlineData("0.1.0", "0.1.0")]
    [InlineData(null, "unknown")]
    [InlineData("", "unknown")]
    public void FormatVersion_InformationalVersion_ShowsVersionAndShortRevision(string? informational, string expected) =>
        Assert.Equal(expected, SystemInfo.FormatVersion(informational));
}
