using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Crash;

/// <summary>
/// The product under SIGKILL: the real web app is killed at least eight times while 400 tickets are submitted (each
/// retried by its external id until it is accepted) and a reviewer decides the ones that wait (each decision retried
/// with its request id until it is answered). After recovery nothing is lost or unsettled, every ticket's status is its
/// workflow's, and every decision that got a 200 was applied exactly once with exactly one audit entry.
/// </summary>
public sealed class ProductCrashTests : IDisposable
{
    private const int Tickets = 400;
    private const string ApiKey = "rdk_crash_test_key_0123456789abcdef";
    private static readonly int[] KillAfterSubmissions = [40, 90, 140, 190, 240, 290, 340];
    private static readonly int[] KillAfterDecisions = [10, 30, 60];

    private readonly string _folder = Directory.CreateTempSubdirectory("reviewdesk-product-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task KilledTenTimesWhileTicketsArriveAndAreDecided_LosesNothing_AndAppliesEveryAnsweredDecisionOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = WebAppChild.FreePort();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30), BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var texts = DemoTickets.Load();
        var app = WebAppChild.Start(_folder, port, ApiKey);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await app.WaitUntilHealthyAsync(http);
        up.SetResult();

        var submitted = 0;
        var decisions = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // ticket id -> request id, answered 200
        var kills = 0;
        var submitting = true;
        var killing = true;

        async Task<HttpResponseMessage?> TryAsync(Func<Task<HttpResponseMessage>> send)
        {
            try
            {
                await up.Task.WaitAsync(ct);
                return await send();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The app died under the request: wait for it to come back, then send the same request again.
                await Task.Delay(50, ct);
                return null;
            }
        }

        async Task SubmitAllAsync()
        {
            for (var i = 0; i < Tickets; i++)
            {
                var text = texts[i % texts.Count];
                while (true)
                {
                    using var response = await TryAsync(() => http.PostAsJsonAsync("/api/tickets",
                        new { subject = $"{text.Subject} #{i}", body = text.Body, customer = text.Customer, channel = text.Channel, externalId = $"crash-{i}" }, ct));
                    if (response is { IsSuccessStatusCode: true }) break;
                    if (response is not null && response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    {
                        Assert.Fail($"submitting crash-{i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                    }
                }

                Interlocked.Increment(ref submitted);
            }

            Volatile.Write(ref submitting, false);
        }

        async Task DecideWaitingAsync(Func<Task<bool>> done)
        {
            while (true)
            {
                using var page = await TryAsync(() => http.GetAsync("/api/reviews?pageSize=50", ct));
                if (page is not { IsSuccessStatusCode: true }) continue;
                var waiting = (await page.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("items").EnumerateArray()
                    .Select(i => i.GetProperty("id").GetString()!).Where(id => !decisions.ContainsKey(id)).ToList();
                if (waiting.Count == 0)
                {
                    if (await done()) return;
                    await Task.Delay(50, ct);
                    continue;
                }

                foreach (var id in waiting)
                {
                    // The same request id on every retry: the first that got through is the decision.
                    var requestId = $"decide-{id}";
                    using var response = await TryAsync(() => http.PostAsJsonAsync($"/api/reviews/{id}/decision", new { action = "approve", requestId }, ct));
                    if (response is { StatusCode: HttpStatusCode.OK }) decisions[id] = requestId;
                    else if (response is not null && response.StatusCode != HttpStatusCode.Conflict)
                    {
                        Assert.Fail($"deciding {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                    }
                }
            }
        }

        async Task KillOnScheduleAsync()
        {
            var pendingSubmissions = new Queue<int>(KillAfterSubmissions);
            var pendingDecisions = new Queue<int>(KillAfterDecisions);
            // Every scheduled kill happens: the decider keeps deciding until this loop ends (400 demo tickets put far more
            // than the last decision count in review), so the decision-count kills never wait for a decider that stopped.
            while (pendingSubmissions.Count + pendingDecisions.Count > 0)
            {
                var due = (pendingSubmissions.TryPeek(out var s) && Volatile.Read(ref submitted) >= s && pendingSubmissions.Dequeue() > 0)
                    || (pendingDecisions.TryPeek(out var d) && decisions.Count >= d && pendingDecisions.Dequeue() > 0);
                if (!due)
                {
                    await Task.Delay(5, ct);
                    continue;
                }

                up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await app.KillAsync();
                app.Dispose();
                kills++;
                app = WebAppChild.Start(_folder, port, ApiKey);
                await app.WaitUntilHealthyAsync(http);
                up.SetResult();
            }

            Volatile.Write(ref killing, false);
        }

        async Task<bool> AllRoutedAsync() =>
            await CountAsync("""SELECT COUNT(*) FROM "Tickets" WHERE "Status" <> $1""", (int)TicketStatus.Routed) == 0
            && await CountAsync("""SELECT COUNT(*) FROM "Tickets" """) == Tickets;

        // The decider stops once the submissions and the kills are over (it used to stop when the submissions were, and if at
        // that moment nothing waited, because the tickets were still being classified on a busy machine, the kills that wait
        // for decisions waited forever).
        await Task.WhenAll(SubmitAllAsync(), DecideWaitingAsync(() => Task.FromResult(!Volatile.Read(ref submitting) && !Volatile.Read(ref killing))),
            KillOnScheduleAsync());
        Assert.True(kills >= 8, $"only {kills} kills");

        // Recovery, with no more kills: the tickets still in triage settle, and those that wait (decided by nobody yet,
        // or whose decision died with a kill before it was answered) are decided, until every ticket is routed.
        using (var recovery = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            recovery.CancelAfter(TimeSpan.FromMinutes(3));
            await DecideWaitingAsync(AllRoutedAsync).WaitAsync(recovery.Token);
        }

        await app.KillAsync();
        app.Dispose();

        Assert.Equal(Tickets, await CountAsync("""SELECT COUNT(DISTINCT "ExternalId") FROM "Tickets" WHERE "ExternalId" LIKE 'crash-%'"""));
        // A ticket's status is its workflow's: routed tickets have completed workflows, and nothing else is left.
        Assert.Equal(0, await CountAsync("""
            SELECT COUNT(*) FROM "Tickets" t LEFT JOIN "Instances" i ON i."Id" = t."InstanceId"
            WHERE i."Id" IS NULL OR NOT (t."Status" = $1 AND i."Status" = 2)
            """, (int)TicketStatus.Routed));
        Assert.NotEmpty(decisions);
        foreach (var (ticketId, requestId) in decisions)
        {
            Assert.Equal(1, await CountAsync("""SELECT COUNT(*) FROM "AuditEntries" WHERE "TicketId" = $1 AND "Action" = 'approve'""", ticketId));
            Assert.Equal(1, await CountAsync("""SELECT COUNT(*) FROM "Tickets" WHERE "Id" = $1 AND json_extract("Decision", '$.requestId') = $2""", ticketId, requestId));
            Assert.Equal(1, await CountAsync("""SELECT COUNT(*) FROM "ResumeRequests" WHERE "RequestId" = $1 AND "State" = 1""", requestId));
        }

        // And no ticket was approved twice, answered or not.
        Assert.Equal(0, await CountAsync("""SELECT COUNT(*) FROM (SELECT "TicketId" FROM "AuditEntries" WHERE "Action" = 'approve' GROUP BY "TicketId" HAVING COUNT(*) > 1)"""));
    }

    private async Task<long> CountAsync(string sql, params object[] args)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "reviewdesk.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++) command.Parameters.AddWithValue("$" + (i + 1), args[i]);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
