using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Web.Api;
using Spectre.Console;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary>
/// <c>tickets import FILE</c>: a backfill through <c>POST /api/tickets/batch</c>. The file is NDJSON (one ticket per
/// line) or a JSON array; tickets go in batches, with a progress bar on a terminal (a line per batch otherwise).
/// Every ticket with an <c>externalId</c> is idempotent, so an interrupted import can be run again.
/// </summary>
internal static class TicketImportVerb
{
    public static Command Create(RemoteVerbRunner runner)
    {
        var file = new Argument<FileInfo>("file") { Description = "NDJSON (one {subject, body, customer?, channel?, externalId?, variant?} per line) or a JSON array of them" };
        var batchSize = new Option<int>("--batch-size") { Description = $"Tickets per request (1 to {TicketBatchApi.MaxItems:N0}; default 500)", DefaultValueFactory = _ => 500 };
        var command = new Command("import", "Submit the tickets of a file (a backfill); idempotent by each ticket's externalId") { file, batchSize };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var size = parse.GetValue(batchSize);
            if (size is < 1 or > TicketBatchApi.MaxItems) throw new CliUsageException($"--batch-size must be 1 to {TicketBatchApi.MaxItems:N0}");
            var tickets = await ReadAsync(parse.GetRequiredValue(file), ct);
            var totals = new Totals();
            var problems = new List<string>();
            var clock = Stopwatch.StartNew();

            async Task SendAllAsync(Func<int, Task> advanced)
            {
                for (var offset = 0; offset < tickets.Count; offset += size)
                {
                    var batch = tickets.Skip(offset).Take(size).ToList();
                    var response = await api.SubmitTicketBatchAsync(string.Join('\n', batch.Select(t => t.Json)), ct);
                    if (parse.GetValue(runner.Json)) await runner.Output.WriteLineAsync(response.Body);
                    foreach (var item in response.Json?["items"]?.AsArray() ?? [])
                    {
                        var index = item!["index"]!.GetValue<int>();
                        var outcome = item["outcome"]?.GetValue<string>();
                        totals.Count(outcome);
                        if (outcome is "invalid" or "failed") problems.Add($"line {batch[index].Line}: {Describe(item)}");
                    }

                    await advanced(batch.Count);
                }
            }

            if (!parse.GetValue(runner.Json) && runner.Interactive)
            {
                await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
                {
                    var task = context.AddTask($"Importing {tickets.Count:N0} tickets", maxValue: tickets.Count);
                    await SendAllAsync(n =>
                    {
                        task.Increment(n);
                        return Task.CompletedTask;
                    });
                });
            }
            else
            {
                var done = 0;
                await SendAllAsync(async n =>
                {
                    done += n;
                    if (!parse.GetValue(runner.Json)) await runner.Output.WriteLineAsync($"{done:N0} of {tickets.Count:N0} sent");
                });
            }

            var seconds = clock.Elapsed.TotalSeconds;
            if (!parse.GetValue(runner.Json))
            {
                await runner.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Imported {tickets.Count:N0} tickets in {seconds:0.0} s ({tickets.Count / Math.Max(seconds, 0.001):N0}/s): {totals.Created:N0} created, {totals.Existing:N0} existing, {totals.Invalid:N0} invalid, {totals.Failed:N0} failed."));
            }

            foreach (var problem in problems) await runner.Error.WriteLineAsync(problem);
            if (problems.Count > 0) throw new CliUsageException($"{problems.Count:N0} of {tickets.Count:N0} tickets were not imported (listed above); the others were");
        });
        return command;
    }

    private static async Task<List<(int Line, string Json)>> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists) throw new CliUsageException($"the file '{file.FullName}' does not exist");
        var text = await File.ReadAllTextAsync(file.FullName, Encoding.UTF8, cancellationToken);
        var tickets = new List<(int Line, string Json)>();
        if (text.TrimStart().StartsWith('['))
        {
            try
            {
                var position = 0;
                foreach (var element in JsonNode.Parse(text)!.AsArray())
                {
                    tickets.Add((++position, element?.ToJsonString() ?? "null"));
                }
            }
            catch (JsonException ex)
            {
                throw new CliUsageException($"'{file.Name}' is not a JSON array: {ex.Message}", ex);
            }

            return tickets;
        }

        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line)) tickets.Add((number, line.TrimEnd('\r')));
        }

        if (tickets.Count == 0) throw new CliUsageException($"'{file.Name}' holds no tickets");
        return tickets;
    }

    private static string Describe(JsonNode item) =>
        item["error"]?.GetValue<string>()
        ?? string.Join("; ", item["errors"]?.AsObject().Select(e => $"{e.Key}: {string.Join(" ", e.Value!.AsArray().Select(m => m!.GetValue<string>()))}") ?? [])
        ?? "not imported";

    private sealed class Totals
    {
        public int Created { get; private set; }
        public int Existing { get; private set; }
        public int Invalid { get; private set; }
        public int Failed { get; private set; }

        public void Count(string? outcome)
        {
            switch (outcome)
            {
                case "created": Created++; break;
                case "existing": Existing++; break;
                case "invalid": Invalid++; break;
                default: Failed++; break;
            }
        }
    }
}
