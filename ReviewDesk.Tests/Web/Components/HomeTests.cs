using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Web.Components.Pages;
using ReviewDesk.Web.Hosting;

namespace ReviewDesk.Tests.Web.Components;

public sealed class HomeTests : BunitTestContext
{
    [Fact]
    public void Render_WithSystemInfo_ShowsSystemCard()
    {
        Services.AddSingleton(new SystemInfo("Staging", "PostgreSQL", "1.2.3 (abc1234)"));

        var cut = Render<Home>();

        var card = cut.Find("[data-testid=system-card]");
        Assert.Contains("System", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("Staging", cut.Find("[data-testid=system-environment]").TextContent);
        Assert.Equal("PostgreSQL", cut.Find("[data-testid=system-database-provider]").TextContent);
        Assert.Equal("1.2.3 (abc1234)", cut.Find("[data-testid=system-version]").TextContent);
    }
}
