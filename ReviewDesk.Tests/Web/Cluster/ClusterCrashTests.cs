using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Tests.Support.Web;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Cluster;

/// <summary>
/// Issue 11's multi-node crash run, as a test: three worker nodes and one read-only node (the real web app, Production)
/// on one PostgreSQL database and one Redis. 1,000 tickets arrive spread over every node (a submission that meets a
/// dead node is sent again, by its external id, to the next one) while reviewers decide the ones that wait, and one
/// worker node is killed with SIGKILL twice and started again each time. Afterwards no ticket is lost, no step
/// journaled as completed ran again, every ticket's status is its workflow's, every decision answered 200 was applied
/// once with one audit entry, and the read-only node served the API without running a single step.
/// </summary>
public sealed class ClusterCrashTests : IDisposable
{
    private const string ApiKey = "rdk_cluster_crash_key_0123456789abcdef";
    private const int Tickets = 1000;
    private const int Clients = 8;
    private const int Victim = 2;
    private const int ReadOnly = 3;
    private static readonly int[] KillAfterSubmissions = [250, 600];

    private readonly TestDatabase _database = new(DatabaseProvider.Postgres);
    private readonly List<string> _folders = [];
    private readonly string _models = Directory.CreateTempSubdirectory("reviewdesk-cluster-models-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _database.Dispose();
        foreach (var folder in _folders) Directory.Delete(folder, recursive: true);
        Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task ThreeNodesOneKilledTwiceWhileAThousandTicketsArrive_LoseNothing_RunNoCompletedStepAgain_AndKeepStatusesTrue()
    {
        using var redis = await TestRedis.StartAsync();
        var nodes = new Node[4];
        for (var i = 0; i < nodes.Length; i++) nodes[i] = await StartNodeAsync(i, redis);
        try
        {
            var texts = DemoTickets.Load();
            var submitted = 0;
            var next = -1;
            var submitting = true;
            var decisions = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // ticket id -> request id, answered 200
            var kills = 0;

            async Task SubmitAllAsync()
            {
                await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < Tickets)
                    {
                        var text = texts[i % texts.Count];
                        var body = new { subject = $"{text.Subject} #{i}", body = text.Body, customer = text.Customer, channel = text.Channel, externalId = $"cluster-{i}" };
                        for (var attempt = 0; ; attempt++)
                        {
                            using var response = await TrySendAsync(nodes[(i + attempt) % nodes.Length], http => http.PostAsJsonAsync("/api/tickets", body, Ct));
                            if (response is { IsSuccessStatusCode: true }) break;
                            if (response is not null && response.StatusCode != HttpStatusCode.ServiceUnavailable)
                            {
                                Assert.Fail($"submitting cluster-{i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
                            }
                        }

                        Interlocked.Increment(ref submitted);
                    }
                }));
                submitting = false;
            }

            // A reviewer on each worker node in turn decides what waits; the same request id on every retry.
            async Task DecideWaitingAsync(Func<Task<bool>> done)
            {
                for (var round = 0; ; round++)
                {
                    var node = nodes[round % 3];
                    using var page = await TrySendAsync(node, http => http.GetAsync("/api/reviews?pageSize=50", Ct));
                    if (page is not { IsSuccessStatusCode: true }) continue;
                    var waiting = (await page.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray()
                        .Select(item => item.GetProperty("id").GetString()!).Where(id => !decisions.ContainsKey(id)).ToList();
                    if (waiting.Count == 0)
                    {
                        if (await done()) return;
                        await Task.Delay(50, Ct);
                        continue;
                    }

                    foreach (var id in waiting)
                    {
                        var requestId = $"decide-{id}";
                        using var response = await TrySendAsync(node, http => http.PostAsJsonAsync($"/api/reviews/{id}/decision", new { action = "approve", requestId }, Ct));
                        if (response is { StatusCode: HttpStatusCode.OK }) decisions[id] = requestId;
                        else if (response is not null && response.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable))
                        {
                            Assert.Fail($"deciding {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
                        }
                    }
                }
            }

            async Task KillOnScheduleAsync()
            {
                foreach (var after in KillAfterSubmissions)
                {
                    await Eventually.HoldsAsync(() => Volatile.Read(ref submitted) >= after, $"{after} submissions", TimeSpan.FromMinutes(5));
                    var victim = nodes[Victim];
                    victim.Killed = true;
                    await victim.App.KillAsync();
                    victim.App.Dispose();
                    kills++;
                    nodes[Victim] = await StartNodeAsync(Victim, redis, victim.Folder);
                }
            }

            async Task<bool> AllRoutedAsync() =>
                await ScalarAsync("""SELECT COUNT(*) FROM "Tickets" WHERE "Status" <> 4""") == 0
                && await ScalarAsync("""SELECT COUNT(*) FROM "Tickets" """) == Tickets;

            await Task.WhenAll(SubmitAllAsync(), DecideWaitingAsync(() => Task.FromResult(!submitting)), KillOnScheduleAsync());
            Assert.Equal(KillAfterSubmissions.Length, kills);

            // Recovery, with no more kills: what is still in triage settles and what waits is decided, until every ticket is routed.
            using (var recovery = CancellationTokenSource.CreateLinkedTokenSource(Ct))
            {
                recovery.CancelAfter(TimeSpan.FromMinutes(5));
                await DecideWaitingAsync(AllRoutedAsync).WaitAsync(recovery.Token);
            }

            // None lost, none twice.
            Assert.Equal(Tickets, await ScalarAsync("""SELECT COUNT(DISTINCT "ExternalId") FROM "Tickets" WHERE "ExternalId" LIKE 'cluster-%'"""));
            Assert.Equal(Tickets, await ScalarAsync("""SELECT COUNT(*) FROM "Tickets" """));
            // Every ticket's status is its workflow's: routed tickets, completed instances.
            Assert.Equal(0, await ScalarAsync("""
                SELECT COUNT(*) FROM "Tickets" t LEFT JOIN "Instances" i ON i."Id" = t."InstanceId"
                WHERE i."Id" IS NULL OR NOT (t."Status" = 4 AND i."Status" = 2)
                """));
            // No step journaled as completed ran again: one completed execution per instance and node (the shipped
            // triage workflow has no loops), and no attempt of that node started after it.
            Assert.Equal(0, await ScalarAsync("""
                SELECT COUNT(*) FROM (SELECT "InstanceId", "NodeId" FROM "Executions" WHERE "Status" = 'Completed'
                GROUP BY "InstanceId", "NodeId" HAVING COUNT(*) > 1) x
                """));
            Assert.Equal(0, await ScalarAsync("""
                SELECT COUNT(*) FROM "Executions" e JOIN "Executions" c
                  ON c."InstanceId" = e."InstanceId" AND c."NodeId" = e."NodeId" AND c."Status" = 'Completed' AND e."Id" <> c."Id"
                WHERE e."StartedAt" >= c."FinishedAt"
                """));
            // Every answered decision was applied once, with one audit entry; no ticket was approved twice.
            Assert.NotEmpty(decisions);
            foreach (var (ticketId, requestId) in decisions)
            {
                Assert.Equal(1, await ScalarAsync("""SELECT COUNT(*) FROM "AuditEntries" WHERE "TicketId" = $1 AND "Action" = 'approve'""", ticketId));
                Assert.Equal(1, await ScalarAsync("""SELECT COUNT(*) FROM "Tickets" WHERE "Id" = $1 AND ("Decision"::json ->> 'requestId') = $2""", ticketId, requestId));
            }

            Assert.Equal(0, await ScalarAsync("""
                SELECT COUNT(*) FROM (SELECT "TicketId" FROM "AuditEntries" WHERE "Action" = 'approve' GROUP BY "TicketId" HAVING COUNT(*) > 1) x
                """));
            // The read-only node took submissions and answered queries, but ran no step; every worker node ran some.
            Assert.Equal(0, await ScalarAsync("""SELECT COUNT(*) FROM "Executions" WHERE "Worker" = $1""", WorkerId(ReadOnly)));
            for (var i = 0; i < 3; i++) Assert.True(await ScalarAsync("""SELECT COUNT(*) FROM "Executions" WHERE "Worker" = $1""", WorkerId(i)) > 0, $"{WorkerId(i)} ran no step");
            using var onReadOnly = await nodes[ReadOnly].Http.GetAsync("/api/tickets?status=Routed&pageSize=1", Ct);
            Assert.Equal(Tickets, (await onReadOnly.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("total").GetInt32());
        }
        finally
        {
            foreach (var node in nodes) node?.Dispose();
        }
    }

    private static string WorkerId(int index) => index == ReadOnly ? "read-only" : $"node-{index}";

    /// <summary>Sends through <paramref name="node"/>; null when it is down or died under the request (send again, elsewhere).</summary>
    private static async Task<HttpResponseMessage?> TrySendAsync(Node node, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        try
        {
            if (node.Killed) throw new HttpRequestException("the node is down");
            return await send(node.Http);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !Ct.IsCancellationRequested)
        {
            await Task.Delay(20, Ct);
            return null;
        }
    }

    private async Task<Node> StartNodeAsync(int index, TestRedis redis, string? folder = null)
    {
        if (folder is null)
        {
            folder = Directory.CreateTempSubdirectory("reviewdesk-cluster-crash-").FullName;
            _folders.Add(folder);
        }

        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:ReviewDesk"] = _database.ConnectionString,
            ["Cluster:Redis"] = redis.Configuration,
            ["Cluster:NodeName"] = WorkerId(index),
            // A stable name, as a real node has: the restarted node comes back under the name its dead leases carry.
            ["Workflows:Worker:Id"] = WorkerId(index),
            ["Workflows:Worker:LeaseDuration"] = "00:00:03",
            // One model folder for every node, as a shared volume would be.
            ["Ai:Local:ModelDirectory"] = _models,
        };
        if (index == ReadOnly) settings["Workflows:Worker:Enabled"] = "false";
        var app = WebAppChild.Start(folder, WebAppChild.FreePort(), ApiKey, settings);
        var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await app.WaitUntilHealthyAsync(http);
        return new Node(app, http, folder);
    }

    private async Task<long> ScalarAsync(string sql, params object[] args)
    {
        await using var connection = await _database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var arg in args)
        {
            var parameter = command.CreateParameter();
            parameter.Value = arg;
            command.Parameters.Add(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A started node: its process and a client for it. Once killed, requests go to other nodes until its successor is up.</summary>
    private sealed class Node(WebAppChild app, HttpClient http, string folder) : IDisposable
    {
        private volatile bool _killed;

        public WebAppChild App { get; } = app;
        public HttpClient Http { get; } = http;
        public string Folder { get; } = folder;

        public bool Killed
        {
            get => _killed;
            set => _killed = value;
        }

        public void Dispose()
        {
            App.Dispose();
            Http.Dispose();
        }
    }
}
