using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Web.Api;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary><c>tickets submit|show|timeline|list</c> against <c>/api/tickets</c>.</summary>
internal static class TicketsVerb
{
    public static Command Create(RemoteVerbRunner runner) =>
        new("tickets", "Submit or import tickets, show one and its timeline, list and search them (any role)")
        {
            Submit(runner), TicketImportVerb.Create(runner), Show(runner), Timeline(runner), List(runner),
        };

    private static Command Submit(RemoteVerbRunner runner)
    {
        var subject = new Option<string?>("--subject") { Description = "The ticket's subject" };
        var body = new Option<string?>("--body") { Description = "The ticket's text" };
        var externalId = new Option<string?>("--external-id") { Description = "Your id for it; submitting it again returns the first ticket" };
        var channel = new Option<string?>("--channel") { Description = "Where it came from (email, chat, web...)" };
        var variant = new Option<string?>("--variant") { Description = "The workflow definition to run (default: the server's)" };
        var file = new Option<FileInfo?>("--file") { Description = "A JSON file {subject, body, customer?, channel?, externalId?, variant?} instead of the options above", HelpName = "ticket.json" };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Sent as Idempotency-Key: a repeat returns the first ticket", HelpName = "key" };
        var command = new Command("submit", "Submit a ticket and start its triage: --subject and --body, or --file")
        {
            subject, body, externalId, channel, variant, file, idempotencyKey,
        };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            SubmitTicketRequest request;
            if (parse.GetValue(file) is { } ticketFile)
            {
                if (new[] { subject, body, externalId, channel, variant }.FirstOrDefault(o => parse.GetResult(o) is not null) is { } both)
                {
                    throw new CliUsageException($"--file and {both.Name} do not go together: put everything in the file");
                }

                request = await ReadTicketAsync(ticketFile, ct);
            }
            else
            {
                request = new SubmitTicketRequest(
                    parse.GetValue(subject) ?? throw new CliUsageException("--subject is required (or --file)"),
                    parse.GetValue(body) ?? throw new CliUsageException("--body is required (or --file)"),
                    null, parse.GetValue(channel), parse.GetValue(externalId), parse.GetValue(variant));
            }

            var response = await api.SubmitTicketAsync(request, parse.GetValue(idempotencyKey), ct);
            await runner.WriteAsync(parse, response, async ticket =>
            {
                var id = ApiJson.Text(ticket?["id"]);
                await runner.Output.WriteLineAsync(response.StatusCode == 200 ? $"Ticket {id} was submitted before; it is unchanged." : $"Submitted ticket {id}.");
                await TableWriter.WriteRecordAsync(runner.Output, TicketFields(ticket));
            });
        });
        return command;
    }

    private static Command Show(RemoteVerbRunner runner)
    {
        var id = new Argument<string>("ticketId") { Description = "The ticket's id" };
        var command = new Command("show", "Show a ticket: status, redacted text, classification, review, decision, queue") { id };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var response = await api.GetTicketAsync(parse.GetRequiredValue(id), ct);
            await runner.WriteAsync(parse, response, ticket => TableWriter.WriteRecordAsync(runner.Output, TicketFields(ticket)));
        });
        return command;
    }

    private static Command Timeline(RemoteVerbRunner runner)
    {
        var id = new Argument<string>("ticketId") { Description = "The ticket's id" };
        var command = new Command("timeline", "Show a ticket's timeline: its workflow journal, oldest first") { id };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var response = await api.GetTimelineAsync(parse.GetRequiredValue(id), ct);
            await runner.WriteAsync(parse, response, events => TableWriter.WriteTableAsync(runner.Output,
                ["SEQ", "AT", "TYPE", "NODE", "ACTIVITY", "ATTEMPT", "ACTOR", "DETAIL"],
                ApiJson.Items(events).Select(e => new[]
                {
                    ApiJson.Text(e["seq"]), ApiJson.Time(e["at"]), ApiJson.Text(e["type"]), ApiJson.Text(e["node"]),
                    ApiJson.Text(e["activity"]), ApiJson.Text(e["attempt"]), ApiJson.Text(e["actor"]), ApiJson.Text(e["detail"]),
                })));
        });
        return command;
    }

    private static Command List(RemoteVerbRunner runner)
    {
        var status = new Option<string?>("--status") { Description = "Received, Triaging, AwaitingReview, Escalated, Routed, Rejected, Failed or Cancelled" };
        var queue = new Option<string?>("--queue") { Description = "The queue it was routed to" };
        var category = new Option<string?>("--category") { Description = "The final category, or the AI's before a decision" };
        var channel = new Option<string?>("--channel") { Description = "The channel" };
        var variant = new Option<string?>("--variant") { Description = "The workflow definition it runs" };
        var search = new Option<string?>("--search", "-q") { Description = "A ticket id or external id (exact), or part of the redacted subject", HelpName = "text" };
        var createdFrom = new Option<string?>("--created-from") { Description = "Created at or after (ISO 8601; UTC when no offset)", HelpName = "time" };
        var createdTo = new Option<string?>("--created-to") { Description = "Created before (ISO 8601; UTC when no offset)", HelpName = "time" };
        var page = new Option<int?>("--page") { Description = "Page number (default 1)" };
        var pageSize = new Option<int?>("--page-size") { Description = "Tickets per page, 1 to 200 (default 50)" };
        var command = new Command("list", "List and search tickets, newest first")
        {
            status, queue, category, channel, variant, search, createdFrom, createdTo, page, pageSize,
        };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var response = await api.ListTicketsAsync(new TicketListRequest
            {
                Status = parse.GetValue(status),
                Queue = parse.GetValue(queue),
                Category = parse.GetValue(category),
                Channel = parse.GetValue(channel),
                Variant = parse.GetValue(variant),
                Q = parse.GetValue(search),
                CreatedFrom = parse.GetValue(createdFrom),
                CreatedTo = parse.GetValue(createdTo),
                Page = Number(parse.GetValue(page)),
                PageSize = Number(parse.GetValue(pageSize)),
            }, ct);
            await runner.WriteAsync(parse, response, async list =>
            {
                await TableWriter.WriteTableAsync(runner.Output,
                    ["ID", "STATUS", "CATEGORY", "PRIORITY", "QUEUE", "CHANNEL", "CREATED", "SUBJECT"],
                    ApiJson.Items(list).Select(t => new[]
                    {
                        ApiJson.Text(t["id"]), ApiJson.Text(t["status"]), ApiJson.Text(t["category"]), ApiJson.Text(t["priority"]),
                        ApiJson.Text(t["queue"]), ApiJson.Text(t["channel"]), ApiJson.Time(t["createdAt"]), ApiJson.Text(t["subject"]),
                    }));
                await runner.Output.WriteLineAsync(ApiJson.PageLine(list));
            });
        });
        return command;
    }

    /// <summary>A ticket (<c>GET /api/tickets/{id}</c>) as "name: value" lines; empty fields are left out.</summary>
    private static IEnumerable<(string, string?)> TicketFields(JsonNode? ticket)
    {
        var classification = ticket?["classification"];
        var decision = ticket?["decision"];
        var escalations = ticket?["escalations"] is JsonValue e && e.TryGetValue<int>(out var count) && count > 0 ? count.ToString(CultureInfo.InvariantCulture) : null;
        return
        [
            ("ID", ApiJson.Text(ticket?["id"])),
            ("External id", ApiJson.Text(ticket?["externalId"])),
            ("Status", ApiJson.Text(ticket?["status"])),
            ("Channel", ApiJson.Text(ticket?["channel"])),
            ("Workflow", $"{ApiJson.Text(ticket?["workflowDefinition"])} v{ApiJson.Text(ticket?["workflowVersion"]) ?? "?"}"),
            ("Subject", ApiJson.Text(ticket?["subject"])),
            ("Body", ApiJson.Text(ticket?["body"])),
            ("AI labels", classification is null ? null
                : $"{ApiJson.Text(classification["category"])} / {ApiJson.Text(classification["priority"])} (confidence {ApiJson.Share(classification["confidence"])})"),
            ("Review", ticket?["reviewRequired"] is JsonValue r && r.TryGetValue<bool>(out var required)
                ? (required ? $"required: {ApiJson.Text(ticket["reviewReasons"])}" : "not required") : null),
            ("Deadline", ApiJson.Time(ticket?["reviewDeadline"])),
            ("Escalations", escalations),
            ("Decision", decision is null ? null
                : $"{ApiJson.Text(decision["action"])} by {ApiJson.Text(decision["reviewer"])}{(ApiJson.Text(decision["comment"]) is { Length: > 0 } c ? $": {c}" : "")}"),
            ("Final labels", ticket?["finalCategory"] is null && ticket?["finalPriority"] is null ? null
                : $"{ApiJson.Text(ticket?["finalCategory"])} / {ApiJson.Text(ticket?["finalPriority"])}"),
            ("Queue", ApiJson.Text(ticket?["queue"])),
            ("Instance", ApiJson.Text(ticket?["workflowInstanceId"])),
            ("Created", ApiJson.Time(ticket?["createdAt"])),
            ("Updated", ApiJson.Time(ticket?["updatedAt"])),
        ];
    }

    private static async Task<SubmitTicketRequest> ReadTicketAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists) throw new CliUsageException($"the file '{file.FullName}' does not exist");
        try
        {
            await using var stream = file.OpenRead();
            return await JsonSerializer.DeserializeAsync<SubmitTicketRequest>(stream, JsonSerializerOptions.Web, cancellationToken)
                ?? throw new CliUsageException($"'{file.Name}' holds null, not a ticket");
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"'{file.Name}' is not a ticket JSON object: {ex.Message}", ex);
        }
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
