using System.Net;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Web.Hubs;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Hubs;

/// <summary>The review hub through the real SignalR .NET client against Kestrel on 127.0.0.1.</summary>
public sealed class ReviewHubTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ReviewDeskWebFactory _factory;

    private readonly List<HubConnection> _connections = [];
    private HttpClient _client = null!;
    private Uri _baseAddress = null!;

    public ReviewHubTests() => _factory = new() { Classifier = new KeywordClassifierSource(), Time = _time };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _baseAddress = new Uri(address);
        Assert.Equal("127.0.0.1", _baseAddress.Host);
        _client = new HttpClient { BaseAddress = _baseAddress };
        _client.DefaultRequestHeaders.Add(TestApiKeys.Header, ReviewDeskWebFactory.BootstrapApiKey);
        await ReviewTickets.PublishVariantAsync(_factory.Services);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task SubmittedTicketThatNeedsReview_ReachesAConnectedClient()
    {
        var (_, changes) = await ConnectAsync("alice");

        var id = await ReviewTickets.SubmitUnclearAsync(_client, "Where does this go");

        var added = await changes.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Added && c.TicketId == id);
        Assert.NotNull(added.Item);
        Assert.Equal("Where does this go", added.Item.Subject);
        Assert.Equal(TicketStatus.AwaitingReview, added.Item.Status);
        Assert.Contains("low_confidence", added.Item.Reasons);
    }

    [Fact]
    public async Task ClaimReleaseAndDecisionByOneClient_ReachAnother()
    {
        var (alice, _) = await ConnectAsync("alice");
        var (bob, bobSees) = await ConnectAsync("bob");
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        await bobSees.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Added && c.TicketId == id);

        var claimed = await alice.InvokeAsync<ClaimResult>("ClaimAsync", id, Ct);
        var claimSeen = await bobSees.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Claimed && c.TicketId == id);
        var bobRefused = await bob.InvokeAsync<ClaimResult>("ClaimAsync", id, Ct);
        var released = await alice.InvokeAsync<ClaimResult>("ReleaseAsync", id, Ct);
        var releaseSeen = await bobSees.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Released && c.TicketId == id);
        using var decision = await _client.SendAsync(
            ReviewTickets.As("alice", HttpMethod.Post, $"/api/reviews/{id}/decision", new { action = "reject", comment = "spam" }), Ct);
        var decidedSeen = await bobSees.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Decided && c.TicketId == id);

        Assert.Equal(ClaimOutcome.Claimed, claimed.Outcome);
        Assert.Equal("apikey:alice", claimSeen.ClaimedBy);
        Assert.Equal("apikey:alice", claimSeen.Item?.ClaimedBy);
        Assert.Equal(ClaimOutcome.ClaimedByOther, bobRefused.Outcome);
        Assert.Equal("apikey:alice", bobRefused.ClaimedBy);
        Assert.Equal(ClaimOutcome.Released, released.Outcome);
        Assert.Null(releaseSeen.ClaimedBy);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        Assert.Equal("apikey:alice", decidedSeen.Actor);
        Assert.Null(decidedSeen.Item);
    }

    [Fact]
    public async Task EscalationWithACommentByOneReviewer_ReachesAnotherAsEscalatedAndCommented_NotDecided()
    {
        var (_, bobSees) = await ConnectAsync("bob");
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        await bobSees.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Added && c.TicketId == id);

        using var escalate = await _client.SendAsync(
            ReviewTickets.As("alice", HttpMethod.Post, $"/api/reviews/{id}/decision", new { action = "escalate", comment = "over my head" }), Ct);
        // The escalation, its comment and the new approval bookmark commit together; their changes arrive in any order.
        var commented = await bobSees.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Commented && c.TicketId == id);
        await bobSees.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Escalated && c.TicketId == id);

        Assert.Equal(HttpStatusCode.OK, escalate.StatusCode);
        Assert.Equal("over my head", commented.Comment?.Text);
        Assert.Equal("escalate", commented.Comment?.Kind);
        Assert.Equal("apikey:alice", commented.Actor);
        var escalated = Assert.Single(bobSees.Seen, c => c.Kind == ReviewQueueChangeKind.Escalated && c.TicketId == id);
        Assert.Equal(TicketStatus.Escalated, escalated.Item?.Status);
        Assert.Null(escalated.Item?.ClaimedBy);
        Assert.DoesNotContain(bobSees.Seen, c => c.Kind == ReviewQueueChangeKind.Decided);
    }

    [Fact]
    public async Task ReviewDeadlinePassing_ReachesAConnectedClientAsEscalated()
    {
        var (_, changes) = await ConnectAsync("alice");
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        var added = await changes.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Added && c.TicketId == id);

        _time.Advance(TimeSpan.FromHours(24));
        var escalated = await changes.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Escalated && c.TicketId == id);

        Assert.Equal(TicketStatus.Escalated, escalated.Item?.Status);
        Assert.Equal(1, escalated.Item?.Escalations);
        Assert.True(escalated.Item?.Deadline > added.Item?.Deadline);
    }

    [Fact]
    public async Task Connect_WithoutAKeyOrWithAnOperatorsKey_IsRefused401And403()
    {
        var anonymous = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(null));
        var unknown = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(null, apiKey: "rdk_not_a_key_at_all_000000"));
        var operatorRefused = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync("operator"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorRefused.StatusCode);
    }

    [Fact]
    public async Task TakeOver_ByAReviewer_FailsWithAHubError_ByAnAdminTakesTheClaim()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        await ReviewTickets.WaitForStatusAsync(_client, id, "AwaitingReview");
        var (alice, _) = await ConnectAsync("alice");
        var (bob, _) = await ConnectAsync("bob");
        var (admin, _) = await ConnectAsync("admin");
        Assert.Equal(ClaimOutcome.Claimed, (await alice.InvokeAsync<ClaimResult>("ClaimAsync", id, Ct)).Outcome);

        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync<ClaimResult>("TakeOverAsync", id, Ct));
        var taken = await admin.InvokeAsync<ClaimResult>("TakeOverAsync", id, Ct);

        Assert.Equal(ClaimOutcome.Claimed, taken.Outcome);
        Assert.Equal("apikey:admin", taken.ClaimedBy);
    }

    private async Task<(HubConnection Connection, ChangeLog Changes)> ConnectAsync(string? reviewer, string? apiKey = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_baseAddress, ReviewHub.Path), options =>
            {
                if ((apiKey ?? (reviewer is null ? null : TestApiKeys.For(reviewer))) is { } key) options.Headers[TestApiKeys.Header] = key;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        _connections.Add(connection);
        var changes = new ChangeLog();
        connection.On<ReviewQueueChange>(nameof(IReviewClient.QueueChanged), changes.Add);
        await connection.StartAsync(Ct);
        return (connection, changes);
    }

    /// <summary>The changes one client received, awaited by condition with a timeout.</summary>
    private sealed class ChangeLog
    {
        private readonly Channel<ReviewQueueChange> _received = Channel.CreateUnbounded<ReviewQueueChange>();
        private readonly List<ReviewQueueChange> _seen = [];

        public void Add(ReviewQueueChange change) => _received.Writer.TryWrite(change);

        /// <summary>The changes read so far by <see cref="WaitForAsync"/>.</summary>
        public IReadOnlyList<ReviewQueueChange> Seen => _seen;

        public async Task<ReviewQueueChange> WaitForAsync(Func<ReviewQueueChange, bool> condition)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(Timeout);
            try
            {
                while (true)
                {
                    var change = await _received.Reader.ReadAsync(timeout.Token);
                    _seen.Add(change);
                    if (condition(change)) return change;
                }
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                throw new TimeoutException($"no matching change within {Timeout}; received: {string.Join(", ", _seen.Select(c => $"{c.Kind} {c.TicketId}"))}");
            }
        }
    }
}
