using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Tests.Workflows.Ai.Semantic;

public sealed class PriorityCuesTests
{
    // Indexes of the features (see PriorityCues): word groups 0-8, then the patterns.
    private const int Outage = 0;
    private const int Emergency = 1;
    private const int DataLoss = 3;
    private const int Calm = 9;
    private const int People = 10;
    private const int Money = 11;
    private const int AllOf = 12;
    private const int Deadline = 13;
    private const int WithinHours = 14;

    [Fact]
    public void Extract_NegatedUrgencyWords_DoNotCount()
    {
        var negated = PriorityCues.Extract("This is not urgent, no data was lost and the site is not down.");
        var plain = PriorityCues.Extract("Urgent: the site is down and our files are lost.");

        Assert.Equal(0f, negated[Emergency]);
        Assert.Equal(0f, negated[DataLoss]);
        Assert.Equal(0f, negated[Outage]);
        Assert.Equal(1f, negated[Calm]);
        Assert.True(plain[Emergency] > 0 && plain[DataLoss] > 0 && plain[Outage] > 0);
        Assert.Equal(0f, plain[Calm]);
    }

    [Fact]
    public void Extract_CountsOfPeopleAndMoney_AreLogScaledAndCapped()
    {
        var small = PriorityCues.Extract("2 users cannot log in; we were charged $12.");
        var large = PriorityCues.Extract("All of our 3k employees are blocked and €250,000 in orders is stuck.");

        Assert.InRange(small[People], 0.1f, 0.2f);
        Assert.InRange(small[Money], 0.2f, 0.25f);
        Assert.Equal(0f, small[AllOf]);
        Assert.InRange(large[People], 0.85f, 0.9f);
        Assert.Equal(1f, large[Money]);
        Assert.Equal(1f, large[AllOf]);
        Assert.All(large, f => Assert.InRange(f, 0f, 1f));
    }

    [Fact]
    public void Extract_DeadlinesAndHours_AreSeen()
    {
        var features = PriorityCues.Extract("We need this fixed by Friday; it broke this morning.");
        var none = PriorityCues.Extract("Could you add a dark mode?");

        Assert.Equal(1f, features[Deadline]);
        Assert.Equal(1f, features[WithinHours]);
        Assert.Equal(0f, none[Deadline]);
        Assert.Equal(0f, none[WithinHours]);
        Assert.Equal(PriorityCues.Count, none.Length);
    }
}
