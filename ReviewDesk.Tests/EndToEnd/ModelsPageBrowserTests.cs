using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Tests.Support;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Ai.Learning;
using ReviewDesk.Workflows.Triage;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>The model page in chromium: an admin sees the auto-route curve with the variants' thresholds and rolls back a version.</summary>
public sealed class ModelsPageBrowserTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_OpensTheModelPage_SeesTheCurve_AndRollsBackAfterConfirming()
    {
        await ModelVersionSeed.AddAsync(Services, 1, ModelVersionStatus.Retired, ModelVersions.Base, Ct);
        await ModelVersionSeed.AddAsync(Services, 2, ModelVersionStatus.Active, "v1", Ct);
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Admin, "/");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Model", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/models$"));
        await Expect(page.GetByTestId("active-version")).ToHaveTextAsync("v2");
        await Expect(page.GetByTestId("auto-route-curve")).ToBeVisibleAsync();
        // One point per threshold from 0 to 1 in steps of 0.05 (ClassifierEvaluation).
        await Expect(page.GetByTestId("curve-point")).ToHaveCountAsync(21);
        await Expect(page.Locator($"[data-testid=threshold-marker][data-variant={TriageDefinitions.DefaultDefinitionId}]")).ToHaveCountAsync(1);
        await SaveScreenshotAsync(page, "models-page");

        await page.Locator("[data-testid=activate-version][data-version=v1]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("Roll back to v1?");
        await dialog.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();

        await Expect(page.GetByTestId("active-version")).ToHaveTextAsync("v1");
        await Expect(page.GetByTestId("models-message")).ToContainTextAsync("v1 is active (was v2).");
        await Expect(page.Locator("[data-testid=model-version-row][data-version=v1]")).ToHaveAttributeAsync("data-status", "Active");
        var active = (await Services.GetRequiredService<ModelRetrainer>().ListAsync(Ct)).Single(v => v.Status == ModelVersionStatus.Active);
        Assert.Equal("v1", active.Version);
        Assert.Empty(ConsoleErrors);
    }
}
