using System.Net;

namespace ReviewDesk.Tests.Web.Operations;

public sealed class OperationsPageHostTests(ReviewDeskWebFactory factory) : IClassFixture<ReviewDeskWebFactory>
{
    [Fact]
    public async Task GetOperations_Running_Returns200WithTheBoard()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/operations", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"operations-board\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"workflow-count\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"throughput-card\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInstanceTimeline_UnknownInstance_Returns200WithNotFoundNotice()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/operations/instances/nope", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"instance-not-found\"", html, StringComparison.Ordinal);
    }
}
