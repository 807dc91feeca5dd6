namespace ReviewDesk.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void WorkflowsAssembly_Loads() => Assert.NotNull(typeof(ReviewDesk.Workflows.WorkflowsAssemblyMarker).Assembly);
}
