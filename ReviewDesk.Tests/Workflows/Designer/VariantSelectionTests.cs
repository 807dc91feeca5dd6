using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Tests.Workflows.Triage;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Designer;

/// <summary>Variant selection at submission, and the shipped vip-triage variant, over the real runtime.</summary>
public sealed class VariantSelectionTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private TriageHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await TriageHost.StartAsync(_database, aiEndpoint: null, local: new KeywordClassifierSource());

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Theory]
    [InlineData("email", "a@b.com", false)]
    [InlineData("Chat", "a@b.com", true)]
    [InlineData("chat", "a@sub.vip.example", true)]
    [InlineData("chat", "a@notvip.example", false)]
    [InlineData("chat", null, false)]
    public void Matches_EveryConditionGivenMustHold(string channel, string? email, bool expected)
    {
        var rule = new VariantSelection { Channels = ["chat"], EmailDomains = ["vip.example", "b.com"] };

        Assert.Equal(expected, rule.Matches("v", "tk_1", channel, email));
    }

    [Fact]
    public void Matches_Percentage_SplitsTicketsStablyNearTheShare()
    {
        var rule = new VariantSelection { Percent = 30 };
        var ids = Enumerable.Range(0, 2000).Select(i => $"tk_{i}").ToList();

        var chosen = ids.Count(id => rule.Matches("ab-test", id, "api", null));

        Assert.InRange(chosen, 500, 700);
        Assert.All(ids.Take(50), id => Assert.Equal(rule.Matches("ab-test", id, "api", null), rule.Matches("ab-test", id, "web", null)));
        Assert.False(new VariantSelection().Matches("x", "tk_1", "api", null));
    }

    [Fact]
    public async Task VipTriage_IsShipped_AndTakesVipChannelTicketsToReviewWithinFourHoursFallingBackToLocal()
    {
        var submitted = await _host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Invoice charged twice", Body = "My billing shows a double charge.", Channel = "vip" }, Ct);

        var ticket = await _host.WaitForStatusAsync(submitted.Ticket.Id, TicketStatus.AwaitingReview);

        Assert.Equal("vip-triage", ticket.WorkflowDefinition);
        Assert.Equal(["variant_requires_review"], ticket.ReviewReasons.Where(r => r == "variant_requires_review"));
        Assert.InRange(ticket.ReviewDeadline!.Value - ticket.CreatedAt, TimeSpan.FromHours(3.9), TimeSpan.FromHours(4.1));
        var journal = await _host.Queries.GetJournalAsync(ticket.WorkflowInstanceId!, Ct);
        Assert.Contains(journal, j => j.Type == "ProviderFallback" && j.Detail!.Contains("'strong'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submission_RunsTheMatchingPublishedVariant_LowestOrderWins_ExplicitVariantAndRetractionRespected()
    {
        var store = (ReviewDesk.Engine.Definitions.WorkflowDefinitionStore)_host.Services.GetService(typeof(WorkflowDefinitionStore))!;
        var shipped = (await store.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        var domain = (await store.SaveAndPublishAsync(shipped with { Id = "acme", Name = "Acme", Selection = new VariantSelection { EmailDomains = ["acme.example"], Order = 5 } }, "test", Ct)).Version!;
        await store.SaveAndPublishAsync(shipped with { Id = "acme-chat", Name = "Acme chat", Selection = new VariantSelection { Channels = ["chat"], EmailDomains = ["acme.example"], Order = 1 } }, "test", Ct);

        async Task<string> VariantOf(string? channel, string? email, string? variant = null) =>
            (await _host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Help", Body = "Question", Channel = channel, Customer = email is null ? null : new CustomerInfo("A", email), Variant = variant }, Ct)).Ticket.WorkflowDefinition!;

        Assert.Equal("acme", await VariantOf("email", "jo@acme.example"));
        Assert.Equal("acme-chat", await VariantOf("chat", "jo@acme.example"));
        Assert.Equal("support-triage", await VariantOf("chat", "jo@other.example"));
        Assert.Equal("support-triage", await VariantOf("email", "jo@acme.example", variant: "support-triage"));

        Assert.True(await store.RetractAsync("acme", domain.Version, Ct));
        Assert.Equal("support-triage", await VariantOf("email", "jo@acme.example"));
        Assert.Equal(0, (await _host.Queries.CountByStatusAsync(new InstanceFilter { Status = WorkflowStatus.Faulted }, Ct))[WorkflowStatus.Faulted]);
    }
}
