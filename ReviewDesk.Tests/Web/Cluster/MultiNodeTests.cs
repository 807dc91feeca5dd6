using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Tests.Support.Web;
using ReviewDesk.Web.Hubs;

namespace ReviewDesk.Tests.Web.Cluster;

/// <summary>
/// Two real web app processes (Production) on one PostgreSQL database and one Redis: tickets submitted to both are
/// triaged once each, a reviewer connected to node A sees live a ticket that arrived on node B and B's reviewer sees
/// A's decision, a SIGKILL of one node loses nothing (the other takes its work over after the lease), and Redis going
/// away degrades readiness and live pushes but loses nothing either.
/// </summary>
public sealed class MultiNodeTests : IDisposable
{
    private const string ApiKey = "rdk_cluster_test_key_0123456789abcdef";
    private const int TicketsPerNode = 15;
    private static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(30);

    private readonly TestDatabase _database = new(DatabaseProvider.Postgres);
    private readonly List<string> _folders = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _database.Dispose();
        foreach (var folder in _folders) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task TwoNodesOnePostgresAndRedis_ShareTheWorkOnce_PushLiveAcrossNodes_AndLoseNothingWhenANodeOrRedisDies()
    {
        using var redis = await TestRedis.StartAsync();
        var (a, httpA) = await StartNodeAsync("node-a", redis);
        var (b, httpB) = await StartNodeAsync("node-b", redis);
        using (a) using (b) using (httpA) using (httpB)
        {
            // Live across nodes: a reviewer on A sees a ticket submitted on B; a reviewer on B sees A's decision.
            var seenOnA = await ConnectAsync(a.Address);
            var seenOnB = await ConnectAsync(b.Address);
            var onB = await SubmitAsync(httpB, "cross-node-1", needsReview: true);
            await seenOnA.Changes.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Added && c.TicketId == onB);
            using (var decision = await httpA.PostAsJsonAsync($"/api/reviews/{onB}/decision", new { action = "approve", requestId = "decide-cross-node-1" }, Ct))
            {
                Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
            }

            await seenOnB.Changes.WaitForAsync(c => c.Kind == ReviewQueueChangeKind.Decided && c.TicketId == onB);
            await ReviewTickets.WaitForStatusAsync(httpB, onB, "Routed");

            // Both nodes take tickets; A is killed while they are being triaged; B finishes A's work after its lease.
            var ids = new List<string>();
            for (var i = 0; i < TicketsPerNode; i++)
            {
                ids.Add(await SubmitAsync(httpA, $"a-{i}", needsReview: false));
                ids.Add(await SubmitAsync(httpB, $"b-{i}", needsReview: false));
            }

            await a.KillAsync();
            await seenOnA.Connection.DisposeAsync();
            foreach (var id in ids) await SettleAsync(httpB, id);

            // Redis dies: B reports degraded readiness, still accepts and triages tickets, and logs the outage once.
            await redis.KillAsync();
            await Eventually.HoldsAsync(async () => await ReadinessAsync(httpB) == "Degraded", "node B to report degraded readiness");
            var duringOutage = await SubmitAsync(httpB, "during-outage", needsReview: false);
            await SettleAsync(httpB, duringOutage);
            await redis.StartServerAsync();
            await Eventually.HoldsAsync(async () => await ReadinessAsync(httpB) == "Healthy", "node B to report healthy readiness again");
            Assert.Equal(1, b.CountLines("Redis is unavailable"));

            // Every step ran to completion exactly once, and every ticket's status is its workflow's.
            await using var connection = await _database.OpenAsync(Ct);
            Assert.Equal(0L, await ScalarAsync(connection, """
                SELECT COUNT(*) FROM (SELECT "InstanceId", "NodeId", "Attempt" FROM "Executions" WHERE "Status" = 'Completed'
                GROUP BY "InstanceId", "NodeId", "Attempt" HAVING COUNT(*) > 1) x
                """));
            Assert.Equal(0L, await ScalarAsync(connection, """
                SELECT COUNT(*) FROM "Tickets" t JOIN "Instances" i ON i."Id" = t."InstanceId" WHERE NOT (i."Status" = 2 AND t."Status" = 4)
                """));
            Assert.Equal((long)(ids.Count + 2), await ScalarAsync(connection, """SELECT COUNT(*) FROM "Tickets" """));
            // Both nodes did work: the journal names both workers.
            Assert.Equal(2L, await ScalarAsync(connection, """SELECT COUNT(DISTINCT "Worker") FROM "Executions" """));
        }
    }

    private async Task<(WebAppChild Node, HttpClient Http)> StartNodeAsync(string name, TestRedis redis)
    {
        var folder = Directory.CreateTempSubdirectory("reviewdesk-cluster-").FullName;
        _folders.Add(folder);
        var port = WebAppChild.FreePort();
        var node = WebAppChild.Start(folder, port, ApiKey, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:ReviewDesk"] = _database.ConnectionString,
            ["Cluster:Redis"] = redis.Configuration,
            ["Cluster:NodeName"] = name,
            ["Workflows:Worker:Id"] = name,
            // A short lease, so the survivor takes a killed node's work over quickly.
            ["Workflows:Worker:LeaseDuration"] = "00:00:03",
        });
        var http = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await node.WaitUntilHealthyAsync(http);
        return (node, http);
    }

    /// <summary>
    /// Waits until the ticket is routed, approving it on the way if it waits for review (the shipped definition
    /// samples some confident tickets for audit, and the local model may be unsure).
    /// </summary>
    private static async Task SettleAsync(HttpClient http, string id)
    {
        var ticket = await Eventually.GetAsync(() => http.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct),
            t => t.GetProperty("status").GetString() is "Routed" or "AwaitingReview", $"ticket {id} to be routed or awaiting review", TimeSpan.FromSeconds(90));
        if (ticket.GetProperty("status").GetString() == "Routed") return;
        using var decision = await http.PostAsJsonAsync($"/api/reviews/{id}/decision", new { action = "approve", requestId = $"decide-{id}" }, Ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        await ReviewTickets.WaitForStatusAsync(http, id, "Routed");
    }

    /// <summary>A ticket with a card number needs review (high-risk PII); one without goes straight through.</summary>
    private static async Task<string> SubmitAsync(HttpClient http, string externalId, bool needsReview)
    {
        var body = needsReview ? "My card 4111 1111 1111 1111 was charged twice for the invoice" : "Where is my parcel? The delivery is a week late.";
        using var response = await http.PostAsJsonAsync("/api/tickets", new { subject = $"Ticket {externalId}", body, externalId }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<string?> ReadinessAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/readyz", Ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString();
    }

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(HubConnection Connection, ChangeLog Changes)> ConnectAsync(Uri node)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node, ReviewHub.Path), options => options.Headers["X-Api-Key"] = ApiKey)
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        var changes = new ChangeLog();
        connection.On<ReviewQueueChange>(nameof(IReviewClient.QueueChanged), changes.Add);
        await connection.StartAsync(Ct);
        return (connection, changes);
    }

    private sealed class ChangeLog
    {
        private readonly Channel<ReviewQueueChange> _received = Channel.CreateUnbounded<ReviewQueueChange>();
        private readonly List<ReviewQueueChange> _seen = [];

        public void Add(ReviewQueueChange change) => _received.Writer.TryWrite(change);

        public async Task<ReviewQueueChange> WaitForAsync(Func<ReviewQueueChange, bool> condition)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(LiveTimeout);
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
                throw new TimeoutException($"no matching change within {LiveTimeout}; received: {string.Join(", ", _seen.Select(c => $"{c.Kind} {c.TicketId}"))}");
            }
        }
    }
}
