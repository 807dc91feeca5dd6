using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Triage;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 15, item 9: the operator board's tables say what each row is about (the ticket's redacted subject, its variant,
/// its status in words, its age, and for a faulted one the failing step and its error), and its chart can be read.
/// Before the fix the faulted table listed instance ids and business keys only, and the chart's labels were about 8 px.
/// </summary>
public sealed class BoardContextTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private const string FaultyVariant = "e2e-faulty";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override void ConfigureFactory(ReviewDeskWebFactory factory) =>
        factory.TestServices = services => services.AddSingleton<ExecutionLog>().AddWorkflowActivity<FlakyActivity>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
        // Scrubs the ticket (so it has a redacted subject), then fails its one attempt at "check" with no Failed connection.
        var definitions = Services.GetRequiredService<WorkflowDefinitionStore>();
        var shipped = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        var faulty = shipped with
        {
            Id = FaultyVariant,
            Name = "Faulty",
            Nodes =
            [
                shipped.Nodes.Single(n => n.Id == "scrub"),
                new WorkflowNode { Id = "check", Type = "Flaky", Settings = new JsonObject { ["failures"] = 9 }, Retry = new RetryPolicySettings { MaximumAttempts = 1 } },
            ],
            Connections = [new WorkflowConnection { From = "scrub", Outcome = "Done", To = "check" }],
        };
        var published = await definitions.SaveAndPublishAsync(faulty, "test", Ct);
        Assert.True(published.Succeeded, string.Join(" ", published.Errors));
    }

    [Fact]
    public async Task Bug_15_WaitingAndFaultedTables_ShowSubjectVariantStatusAgeAndTheFailingStep()
    {
        var waiting = await ReviewTickets.SubmitUnclearAsync(Api, "Parcel lost, call me at +1 415 555 0100");
        await ReviewTickets.WaitForStatusAsync(Api, waiting, "AwaitingReview");
        using var submitted = await Api.PostAsJsonAsync("/api/tickets", new { subject = "Refund for double charge", body = "charged twice", variant = FaultyVariant }, Ct);
        var faulted = (await submitted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetString()!;
        await ReviewTickets.WaitForStatusAsync(Api, faulted, "Failed");

        var board = await NewSignedInPageAsync(ReviewDeskRoles.Operator, "/operations");

        var row = board.GetByTestId("waiting-ticket");
        await Expect(row.GetByTestId("waiting-ticket-subject")).ToHaveTextAsync("Parcel lost, call me at <PHONE_NUMBER_1>");
        await Expect(row.GetByTestId("waiting-ticket-variant")).ToHaveTextAsync($"{ReviewTickets.Variant} v1");
        await Expect(row.GetByTestId("waiting-ticket-status")).ToHaveTextAsync("Awaiting review");
        await Expect(row.GetByTestId("waiting-ticket-age")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ min$"));

        var problem = board.GetByTestId("problem-instance");
        await Expect(problem).ToHaveCountAsync(1);
        await Expect(problem.GetByTestId("problem-ticket-subject")).ToHaveTextAsync("Refund for double charge");
        await Expect(problem.GetByTestId("problem-ticket")).ToHaveTextAsync($" · {faulted} · Failed");
        await Expect(problem.GetByTestId("problem-variant")).ToHaveTextAsync($"{FaultyVariant} v1");
        await Expect(problem.GetByTestId("problem-status")).ToHaveTextAsync("Faulted");
        await Expect(problem.GetByTestId("problem-node")).ToHaveTextAsync("check");
        await Expect(problem.GetByTestId("problem-error")).ToContainTextAsync("failure 1");
        await Expect(problem.GetByTestId("problem-age")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ s ago$"));
        // Every column of both tables is on screen at 1280 px, none cut off by the card.
        foreach (var cell in new[] { row.GetByTestId("waiting-ticket-age"), problem.GetByTestId("problem-age") })
        {
            Assert.True(await cell.EvaluateAsync<bool>("c => c.getBoundingClientRect().right <= c.closest('.mud-card').getBoundingClientRect().right"),
                "a column is cut off");
        }

        await SaveScreenshotAsync(board, "board-with-context");

        await problem.GetByTestId("problem-link").ClickAsync();
        await Expect(board.GetByTestId("instance-business-key")).ToHaveTextAsync(faulted);
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Bug_15_ThroughputChart_AxisLabelsAreAtLeast12PixelsOnScreen()
    {
        var board = await NewSignedInPageAsync(ReviewDeskRoles.Operator, "/operations");
        var labels = board.GetByTestId("throughput-card").Locator("svg text");
        await Expect(labels.First).ToBeVisibleAsync();

        // The size on screen: the computed font size times the SVG's scale (a viewBox shrinks its text with the chart).
        var sizes = await labels.EvaluateAllAsync<double[]>(
            "texts => texts.filter(t => t.textContent.trim().length > 0).map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)");
        // And no two labels on one line overlap.
        var overlaps = await labels.EvaluateAllAsync<int>("""
            texts => {
              const boxes = texts.filter(t => t.textContent.trim().length > 0).map(t => t.getBoundingClientRect()).sort((a, b) => a.left - b.left);
              return boxes.filter((a, i) => boxes.some((b, j) => j > i && Math.abs(a.top - b.top) < 2 && b.left < a.right)).length;
            }
            """);

        Assert.NotEmpty(sizes);
        Assert.All(sizes, size => Assert.True(size >= 12, $"an axis label is {size:0.#} px on screen"));
        Assert.Equal(0, overlaps);
        await SaveScreenshotAsync(board, "chart");
    }
}
