using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class IpAddressRecognizerTests
{
    [Theory]
    [InlineData("Blocked from 203.0.113.45 again", "203.0.113.45")]
    [InlineData("Server at 172.31.5.19 rebooted, now on version 2.3.0.1", "172.31.5.19")]
    [InlineData("host [2001:db8::1]:8080", "2001:db8::1")]
    [InlineData("fe80::1%eth0 link", "fe80::1%eth0")]
    [InlineData("mapped ::ffff:192.0.2.1", "::ffff:192.0.2.1")]
    // The fewest colons and dots an address has, which the quick checks before each regex must let through.
    [InlineData("server ::1", "::1")]
    [InlineData("10.0.0.1", "10.0.0.1")]
    public void Analyze_IpAddress_FindsIt(string text, string expected) =>
        RecognizerAssert.Finds(PiiTypes.IpAddress, text, expected);

    [Theory]
    [InlineData("We upgraded the agent to version 1.2.3.4")]
    [InlineData("Release notes for 2.0.1.7 mention the fix but I still see it on 2.0.1.8.")]
    [InlineData("Running v10.0.19045.3803")]
    [InlineData("Chrome 122.0.6261.94 on macOS")]
    [InlineData("2024-03-15 10:22:31 ERROR timeout")]
    [InlineData("Time 12:34:56, MAC aa:bb:cc:dd:ee:ff")]
    [InlineData("256.1.1.1 and 192.168.1")]
    [InlineData("std::cout << MyClass::toString")]
    public void Analyze_NotAnIpAddress_FindsNothing(string text) =>
        RecognizerAssert.FindsNothing(PiiTypes.IpAddress, text);
}
