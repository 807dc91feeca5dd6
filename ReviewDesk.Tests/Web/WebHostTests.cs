using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ReviewDesk.Tests.Web;

public sealed class WebHostTests(ReviewDeskWebFactory factory) : IClassFixture<ReviewDeskWebFactory>
{
    [Fact]
    public async Task GetHealthz_Running_Returns200HealthyWithSecurityHeaders()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoot_Running_RendersHomePageWithSystemCard()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>ReviewDesk</title>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"system-card\"", html, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy", response.Headers.Select(header => header.Key));
    }

    [Fact]
    public async Task GetBlazorScript_Running_IsServed()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
