using Bunit;
using ReviewDesk.Web.Components.Layout;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Tests.Web.Components;

public sealed class NavMenuTests : BunitTestContext
{
    [Theory]
    [InlineData(ReviewDeskRoles.Reviewer, "Home,Review queue,Notifications")]
    [InlineData(ReviewDeskRoles.Operator, "Home,Operations")]
    [InlineData(ReviewDeskRoles.Admin, "Home,Review queue,Notifications,Operations,Workflows,Model,API keys,Audit")]
    public void Render_ShowsOnlyTheEntriesOfTheUsersRole(string role, string expected)
    {
        Authorization.SetRoles(role);
        RenderPopoverProvider();

        var cut = Render<NavMenu>();

        Assert.Equal(expected.Split(','), cut.FindAll(".mud-nav-link").Select(link => link.TextContent.Trim()));
    }

    [Fact]
    public void Render_SignedOut_ShowsNothing()
    {
        Authorization.SetNotAuthorized();

        var cut = Render<NavMenu>();

        Assert.Empty(cut.FindAll(".mud-nav-link"));
    }
}
