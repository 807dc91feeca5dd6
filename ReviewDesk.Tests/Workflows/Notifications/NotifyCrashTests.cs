using Microsoft.Data.Sqlite;

using ReviewDesk.Tests.Support;
using ReviewDesk.Tests.Support.Web;

namespace ReviewDesk.Tests.Workflows.Notifications;

/// <summary>
/// A host sending notifications (e-mail to a real SMTP server, a signed webhook, both slow) is killed with SIGKILL while
/// messages are in flight, then restarted on the same database: every message arrives at least once, none arrives again
/// after the step that sent it committed, and each duplicate (a send whose commit the kill prevented) is counted.
/// </summary>
public sealed class NotifyCrashTests
{
    private const int Tickets = 12;
    private const int Recipients = 3;

    [Fact]
    public async Task KilledWhileSending_EveryMessageArrivesAtLeastOnce_NoneTwiceAfterItsSendCommitted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase(ReviewDesk.Engine.Persistence.DatabaseProvider.Sqlite); // reads the SQLite file directly
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        smtp.DelayPerMessage = TimeSpan.FromMilliseconds(40);
        webhook.Delay = TimeSpan.FromMilliseconds(40);
        string[] Args(int run) => ["notify-host", "--db", database.Path_, "--count", $"{Tickets}", "--recipients", $"{Recipients}",
            "--smtp-port", $"{smtp.Port}", "--webhook", webhook.Url.ToString(), "--webhook-secret", WebhookReceiver.Secret,
            "--Workflows:Worker:MaxConcurrency", "2", "--Workflows:Worker:Id", $"run-{run}"];

        using (var first = HarnessProcess.Start(Args(1)))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (smtp.Messages.Count < Tickets)
            {
                Assert.False(first.HasExited, $"run 1 ended before the kill point: {first.Errors}");
                Assert.True(DateTime.UtcNow < deadline, "run 1 sent nothing");
                await Task.Delay(5, ct);
            }

            await first.KillAsync(ct);
        }

        var arrivedBeforeRestart = smtp.Messages.Count + webhook.Received.Count;
        var committedByRun1 = await SentJournalAsync(database, "run-1");
        Assert.InRange(committedByRun1.Count, 1, (Tickets * (Recipients + 1)) - 1);
        using (var second = HarnessProcess.Start(Args(2)))
        {
            await second.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(120), ct);
            Assert.True(second.ExitCode == 0, second.Errors);
        }

        var arrivals = smtp.Messages.Select(m => m.MessageId.Split('@')[0]).Concat(webhook.Received.Select(w => w.EventId))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var committed = await SentJournalAsync(database, null);
        Assert.Equal(Tickets * (Recipients + 1), committed.Count);
        Assert.All(webhook.Received, w => Assert.True(w.SignatureValid));
        foreach (var (id, run) in committed)
        {
            Assert.True(arrivals.TryGetValue(id, out var times), $"message {id} never arrived");
            // Committed by the killed run: the restarted one never sent it again.
            if (run == "run-1") Assert.Equal(1, times);
            else Assert.InRange(times, 1, 2);
        }

        Assert.Equal(committed.Select(c => c.Id).Order(StringComparer.Ordinal), arrivals.Keys.Order(StringComparer.Ordinal));
        var duplicates = arrivals.Where(a => a.Value > 1).Select(a => a.Key).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{arrivals.Values.Sum()} arrivals for {committed.Count} messages; {arrivedBeforeRestart} before the kill, {committedByRun1.Count} committed by run 1; {duplicates.Count} duplicates (sent, then killed before the commit): {string.Join(", ", duplicates)}");
    }

    /// <summary>Message ids journaled as sent (with the worker that committed them), of one run or all.</summary>
    private static async Task<List<(string Id, string Run)>> SentJournalAsync(TestDatabase database, string? run)
    {
        await using var connection = new SqliteConnection($"Data Source={database.Path_};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Detail", "Actor" FROM "Journal" WHERE "Type" = 'NotificationSent'""";
        var result = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var actor = reader.GetString(1);
            if (run is null || actor == run) result.Add((reader.GetString(0).Split(' ')[1], actor));
        }

        return result;
    }
}
