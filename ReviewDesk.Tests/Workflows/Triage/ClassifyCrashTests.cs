using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using ReviewDesk.Tests.Workflows.Ai;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>
/// A paid model call is never made twice once its step completed: a host running real triage
/// workflows against a scripted OpenAI-compatible server is killed mid-run and restarted, and the
/// server's requests are counted per ticket.
/// </summary>
public sealed partial class ClassifyCrashTests
{
    private const int Tickets = 10;

    [Fact]
    public async Task KilledAfterSomeClassifyStepsCompleted_RestartNeverCallsTheModelAgainForThem()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase(ReviewDesk.Engine.Persistence.DatabaseProvider.Sqlite); // reads the SQLite file directly
        await using var server = await ScriptedOpenAiServer.StartAsync(ct);
        var answer = ScriptedOpenAiServer.Answer(new { category = "billing", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.5, rationale = "mentions an invoice" });
        server.Enqueue([.. Enumerable.Repeat<ScriptedOpenAiServer.Reply>(new ScriptedOpenAiServer.DelayedReply(TimeSpan.FromMilliseconds(150), answer), Tickets * 3)]);
        string[] Args(int run) => ["triage-host", "--db", database.Path_, "--ai-endpoint", server.Endpoint.ToString(), "--count", $"{Tickets}",
            "--Workflows:Worker:MaxConcurrency", "2", "--Workflows:Worker:Id", $"run-{run}"];

        using (var first = HarnessProcess.Start(Args(1)))
        {
            await Eventually.HoldsAsync(async () =>
            {
                Assert.False(first.HasExited, $"run 1 ended before the kill point: {first.Errors}");
                return await CompletedClassifyStepsAsync(database) >= 3;
            }, "run 1 to complete 3 Classify steps", TimeSpan.FromSeconds(60));

            await first.KillAsync(ct);
        }

        var killedAt = await CompletedClassifyStepsAsync(database);
        Assert.InRange(killedAt, 3, Tickets - 1);
        using (var second = HarnessProcess.Start(Args(2)))
        {
            await second.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(90), ct);
            Assert.True(second.ExitCode == 0, second.Errors);
        }

        var requestsPerTicket = server.RequestBodies.Select(b => TicketNumber().Match(b).Value).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        var completions = await ClassifyCompletionsAsync(database);
        Assert.Equal(Tickets, completions.Count);
        Assert.Contains(completions, c => c.Run == "run-1");
        Assert.Contains(completions, c => c.Run == "run-2");
        foreach (var (ticket, run) in completions)
        {
            // Completed before the kill: the restarted host used the checkpoint, it did not call the model.
            if (run == "run-1") Assert.Equal(1, requestsPerTicket[ticket]);
            else Assert.InRange(requestsPerTicket[ticket], 1, 2);
        }
    }

    private static async Task<int> CompletedClassifyStepsAsync(TestDatabase database)
    {
        if (!File.Exists(database.Path_)) return 0;
        await using var connection = new SqliteConnection($"Data Source={database.Path_};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "Journal" WHERE "Type" = 'ActivityCompleted' AND "ActivityType" = 'Classify'""";
        try
        {
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // The schema is not there yet.
        }
    }

    private static async Task<List<(string Ticket, string Run)>> ClassifyCompletionsAsync(TestDatabase database)
    {
        await using var connection = new SqliteConnection($"Data Source={database.Path_};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t."Subject", j."Actor" FROM "Journal" j JOIN "Instances" i ON i."Id" = j."InstanceId" JOIN "Tickets" t ON t."Id" = i."BusinessKey"
            WHERE j."Type" = 'ActivityCompleted' AND j."ActivityType" = 'Classify'
            """;
        var result = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add((TicketNumber().Match(reader.GetString(0)).Value, reader.GetString(1)));
        return result;
    }

    [GeneratedRegex(@"Crash ticket \d{3}")]
    private static partial Regex TicketNumber();
}
