using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

public sealed class UrgencyCuesTests
{
    [Fact]
    public void Count_CueWordsOfEachGroup_AreCountedCaseInsensitivelyAndCapped()
    {
        var counts = UrgencyCues.Count("OUTAGE! We were hacked, all data deleted. Urgent urgent urgent urgent, dringend!");

        Assert.Equal(UrgencyCues.GroupCount, counts.Length);
        Assert.Equal([1f / 3, 1f, 1f / 3, 1f / 3], counts);
    }

    [Fact]
    public void Count_NoCueWords_IsAllZero()
    {
        Assert.All(UrgencyCues.Count("Could you add a dark mode to the app?"), c => Assert.Equal(0f, c));
    }
}
