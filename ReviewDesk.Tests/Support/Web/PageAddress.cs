using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// Waits for a page to arrive at an address, e.g. after a sign-in redirects. Use this, not
/// <c>IPage.WaitForURLAsync</c> (banned in BannedSymbols.txt): when the address already matches,
/// Playwright .NET's <c>WaitForURLAsync</c> waits for the "load" event by reading the frame's load states and then
/// subscribing to the next one, two steps on the test's thread while Playwright's connection thread adds them. A "load"
/// that lands between the two is missed, and the wait times out though the page has loaded (CI, 2026-12: the home page
/// test waited 20 s on a loaded page, the log showing only a later "NetworkIdle"). <c>ToHaveURLAsync</c> polls the
/// address instead; what the test needs next (the interactive marker, a row) it waits for on the page itself.
/// </summary>
public static class PageAddress
{
    /// <summary>Waits until the page's path and query are exactly <paramref name="pathAndQuery"/> (e.g. <c>/</c>, <c>/tickets?x=1</c>).</summary>
    public static Task WaitForPathAndQueryAsync(IPage page, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        return Expect(page).ToHaveURLAsync(new Regex($"^[a-z]+://[^/]+{Regex.Escape(pathAndQuery)}(#.*)?$"));
    }

    /// <summary>Waits until the page's path is exactly <paramref name="path"/>, whatever its query.</summary>
    public static Task WaitForPathAsync(IPage page, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Expect(page).ToHaveURLAsync(new Regex($"^[a-z]+://[^/]+{Regex.Escape(path)}([?#].*)?$"));
    }
}
