using Bunit;
using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Components.Layout;

namespace ReviewDesk.Tests.Web.Components;

public sealed class MainLayoutTests : BunitTestContext
{
    [Fact]
    public void Render_Interactive_RendersInteractiveMarker()
    {
        var cut = RenderLayout(interactive: true);

        Assert.Single(cut.FindAll("[data-testid=interactive]"));
    }

    [Fact]
    public void Render_Prerendering_OmitsInteractiveMarker()
    {
        var cut = RenderLayout(interactive: false);

        Assert.Empty(cut.FindAll("[data-testid=interactive]"));
    }

    [Fact]
    public void DarkModeToggle_Click_SwitchesToDarkMode()
    {
        var cut = RenderLayout();

        cut.Find("[data-testid=dark-mode-toggle]").Click();

        Assert.Equal("Switch to light mode", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_Always_ShowsProductNameAndHomeLink()
    {
        var cut = RenderLayout();

        Assert.Contains("ReviewDesk", cut.Find(".mud-appbar").TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll(".mud-nav-link"), link => link.TextContent.Trim() == "Home");
    }

    private IRenderedComponent<MainLayout> RenderLayout(bool interactive = true)
    {
        SetRendererInfo(interactive ? new RendererInfo("Server", isInteractive: true) : new RendererInfo("Static", isInteractive: false));
        return Render<MainLayout>(parameters => parameters.Add(layout => layout.Body, "<p>page</p>"));
    }
}
