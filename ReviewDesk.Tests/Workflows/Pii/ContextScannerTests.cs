using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class ContextScannerTests
{
    private static readonly HashSet<string> PhoneWords = new(StringComparer.Ordinal) { "phone", "téléphone" };

    [Theory]
    [InlineData("My PHONE is 030 1234567")]
    [InlineData("Téléphone : 030 1234567")]
    [InlineData("030 1234567 is my phone")]
    [InlineData("phone\n\n030 1234567")]
    public void HasNearby_WordInAnyCaseBeforeOrAfter_IsFound(string text)
    {
        // Arrange
        var start = text.IndexOf("030", StringComparison.Ordinal);

        // Act, Assert
        Assert.True(ContextScanner.HasNearby(text, start, start + "030 1234567".Length, PhoneWords));
    }

    [Fact]
    public void HasNearby_WordsNotInAHashSet_AreComparedAsStrings()
    {
        // Arrange: a list, and a set whose comparer cannot look a span up, take the string path.
        const string text = "Call my Phone: 030 1234567";
        var start = text.IndexOf("030", StringComparison.Ordinal);
        var list = new List<string> { "phone" };
        var set = new HashSet<string>(new LengthThenOrdinalComparer()) { "phone" };

        // Act, Assert
        Assert.True(ContextScanner.HasNearby(text, start, text.Length, list));
        Assert.True(ContextScanner.HasNearby(text, start, text.Length, set));
    }

    [Theory]
    [InlineData("phone one two three four five six 030 1234567", false)]
    [InlineData("phone one two three four five 030 1234567", true)]
    [InlineData("030 1234567 one two three phone", false)]
    [InlineData("030 1234567 one two phone", true)]
    public void HasNearby_CountsSixWordsBeforeAndThreeAfter(string text, bool expected)
    {
        // Arrange
        var start = text.IndexOf("030", StringComparison.Ordinal);

        // Act, Assert
        Assert.Equal(expected, ContextScanner.HasNearby(text, start, start + "030 1234567".Length, PhoneWords));
    }

    [Theory]
    [InlineData("Order no. 4829301746", true)]
    [InlineData("Invoice number is 4829301746", true)]
    [InlineData("Call me, order\n4829301746", false)]
    [InlineData("Call no. 4829301746", false)]
    public void FollowsIdentifierWord_SkipsFillersAndStopsAtALineBreak(string text, bool expected) =>
        Assert.Equal(expected, ContextScanner.FollowsIdentifierWord(text, text.IndexOf("48", StringComparison.Ordinal)));

    [Theory]
    [InlineData("Chrome 122.0.6261.94", true)]
    [InlineData("We updated. Call 030.1234.567", false)]
    [InlineData("Updated it! 030.1234.567", false)]
    [InlineData("Updated it, call 030.1234.567", true)]
    [InlineData("v030.1234.567", true)]
    public void FollowsVersionWord_LooksInTheSentenceBeforeTheNumber(string text, bool expected) =>
        Assert.Equal(expected, ContextScanner.FollowsVersionWord(text, text.IndexOfAny(['0', '1'])));

    [Fact]
    public void WordsInSentenceBefore_ReturnsLowerCaseWordsNearestFirst() =>
        Assert.Equal(["from", "ping", "server"], ContextScanner.WordsInSentenceBefore("Done. Server PING from 10.0.0.1", 23, 3));

    private sealed class LengthThenOrdinalComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => obj.Length;
    }
}
