using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReviewDesk.Tests.Web.Telemetry;

/// <summary>
/// Issue 15, item 10: on a first start the demo logins scrolled away under about a hundred "Ticket … submitted" lines.
/// Per-ticket logs stay below Information, so the app's own configuration (appsettings.json: Information by default)
/// keeps them off the console; the capture records ReviewDesk's categories down to Debug to see that they are written.
/// </summary>
public sealed class PerTicketLogLevelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bug_15_TicketsSubmittedAndTriaged_LogNothingAboutTheTicketAtInformationOrAbove()
    {
        await using var factory = new ReviewDeskWebFactory { Classifier = new KeywordClassifierSource() };
        using var client = factory.CreateClient();

        var ids = new List<string>();
        foreach (var subject in (string[])["Parcel never arrived", "Cannot sign in to my account"])
        {
            using var response = await client.PostAsJsonAsync("/api/tickets", new { subject, body = "please help" }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!);
        }

        foreach (var id in ids)
        {
            await Eventually.GetAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct),
                t => t.GetProperty("status").GetString() is "Routed" or "AwaitingReview", $"ticket {id} triaged");
        }

        var lines = factory.Logs.Lines.ToList();
        foreach (var id in ids)
        {
            // Written (so the check below sees real lines), at Debug.
            var submitted = Assert.Single(lines, l => l.Contains($"Ticket {id} submitted", StringComparison.Ordinal));
            Assert.StartsWith("Debug ", submitted, StringComparison.Ordinal);
            var loud = lines.Where(l => l.Contains(id, StringComparison.Ordinal) && !IsBelowInformation(l)).ToList();
            Assert.True(loud.Count == 0, $"lines about {id} at Information or above:\n{string.Join("\n", loud)}");
        }
    }

    private static bool IsBelowInformation(string line) =>
        line.StartsWith("Trace ", StringComparison.Ordinal) || line.StartsWith("Debug ", StringComparison.Ordinal);
}
