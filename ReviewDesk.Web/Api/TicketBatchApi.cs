using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Api;

/// <summary>
/// <c>POST /api/tickets/batch</c>: a backfill. A JSON array of tickets, or NDJSON (one ticket per line), each as
/// <c>POST /api/tickets</c> takes it; at most <see cref="MaxItems"/> per request and <c>Api:MaxBatchBodyBytes</c> of
/// body. Every item gets its own result, in order: created, existing (idempotent by <c>externalId</c> or
/// <c>idempotencyKey</c>, also within the batch), invalid (with its errors) or failed. Valid items are submitted
/// even when others are not.
/// </summary>
public static class TicketBatchApi
{
    /// <summary>The most tickets one request may carry.</summary>
    public const int MaxItems = 5_000;

    /// <summary>The default body limit of a batch (the rest of <c>/api</c> keeps <c>Api:MaxRequestBodyBytes</c>).</summary>
    public const long DefaultMaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>The path, whose body limit is <c>Api:MaxBatchBodyBytes</c>.</summary>
    public const string Path = "/api/tickets/batch";

    private const string NdJson = "application/x-ndjson";

    public static IEndpointRouteBuilder MapTicketBatchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, SubmitBatchAsync).WithName("SubmitTicketBatch").WithTags("Tickets")
            .RequireAuthorization(ReviewDeskPolicies.AnyRole)
            // The body is read by hand (two media types, per-item errors): its schema is described here rather than by
            // Accepts, whose content-type routing would answer another media type with an empty 415.
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var schema = await context.GetOrCreateSchemaAsync(typeof(BatchTicketRequest[]), null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "A JSON array of tickets, or NDJSON: one ticket object per line.",
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/json"] = new() { Schema = schema },
                        [NdJson] = new() { Schema = schema },
                    },
                };
            })
            .WithSummary("Submit many tickets (a backfill)")
            .WithDescription($"A JSON array, or NDJSON (`{NdJson}`, one ticket per line), of tickets as `POST /api/tickets` takes them, at most {MaxItems:N0}. " +
                "200 with one result per item, in order: `created` (with the ticket and workflow ids), `existing` (a ticket with its `externalId` or `idempotencyKey` " +
                "existed, also earlier in the same batch: that one, unchanged), `invalid` (with `errors` by field) or `failed` (its variant has no published version). " +
                "Valid items are submitted even when others are not, so resending the whole file after a failure is safe when every item has an `externalId`. " +
                "400 when the body is not a JSON array or has more items; 413 over `Api:MaxBatchBodyBytes`; 415 for another media type.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return endpoints;
    }

    /// <summary>Submits every valid item; one result per item.</summary>
    public static async Task<Results<Ok<TicketBatchResult>, ProblemHttpResult>> SubmitBatchAsync(
        HttpRequest request, TicketService tickets, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(json);
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        List<ParsedItem> items;
        try
        {
            items = mediaType switch
            {
                "application/json" => await ReadArrayAsync(request.Body, json.Value.SerializerOptions, cancellationToken),
                NdJson => await ReadLinesAsync(request.Body, json.Value.SerializerOptions, cancellationToken),
                _ => throw new UnsupportedMediaException(mediaType),
            };
        }
        catch (UnsupportedMediaException ex)
        {
            return TypedResults.Problem($"Send application/json (an array) or {NdJson}, not {ex.MediaType ?? "no content type"}.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem($"The body is not a JSON array of tickets: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed batch");
        }
        catch (TooManyItemsException)
        {
            return TypedResults.Problem($"A batch holds at most {MaxItems:N0} tickets; split it.", statusCode: StatusCodes.Status400BadRequest, title: "Batch too large");
        }

        var results = new TicketBatchItem[items.Count];
        var valid = new List<(int Index, TicketSubmission Submission)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Error is { } parseError)
            {
                results[i] = TicketBatchItem.Invalid(i, new Dictionary<string, string[]> { ["item"] = [parseError] });
                continue;
            }

            var submission = new TicketSubmission
            {
                Subject = item.Request!.Subject,
                Body = item.Request.Body,
                Customer = item.Request.Customer,
                Channel = item.Request.Channel,
                ExternalId = item.Request.ExternalId,
                IdempotencyKey = item.Request.IdempotencyKey,
                Variant = item.Request.Variant,
            };
            var errors = submission.Validate();
            if (errors.Count > 0) results[i] = TicketBatchItem.Invalid(i, errors);
            else valid.Add((i, submission));
        }

        var submitted = await tickets.SubmitBatchAsync([.. valid.Select(v => v.Submission)], cancellationToken);
        for (var k = 0; k < valid.Count; k++)
        {
            var r = submitted[k];
            results[valid[k].Index] = new TicketBatchItem(valid[k].Index, r.Outcome.ToString().ToLowerInvariant(), r.TicketId, r.WorkflowInstanceId, r.Error, null);
        }

        return TypedResults.Ok(new TicketBatchResult(
            results.Count(r => r.Outcome == "created"), results.Count(r => r.Outcome == "existing"),
            results.Count(r => r.Outcome == "invalid"), results.Count(r => r.Outcome == "failed"), results));
    }

    private static async Task<List<ParsedItem>> ReadArrayAsync(Stream body, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("the root is not an array");
        if (document.RootElement.GetArrayLength() > MaxItems) throw new TooManyItemsException();
        return [.. document.RootElement.EnumerateArray().Select(e => Parse(e, options))];
    }

    private static async Task<List<ParsedItem>> ReadLinesAsync(Stream body, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        var items = new List<ParsedItem>();
        using var reader = new StreamReader(body, Encoding.UTF8);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (items.Count == MaxItems) throw new TooManyItemsException();
            try
            {
                using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
                items.Add(Parse(document.RootElement, options));
            }
            catch (JsonException ex)
            {
                items.Add(new ParsedItem(null, $"line {number} is not JSON: {ex.Message}"));
            }
        }

        return items;
    }

    private static ParsedItem Parse(JsonElement element, JsonSerializerOptions options)
    {
        if (element.ValueKind != JsonValueKind.Object) return new ParsedItem(null, "an item must be a JSON object");
        try
        {
            return new ParsedItem(element.Deserialize<BatchTicketRequest>(options), null);
        }
        catch (JsonException ex)
        {
            return new ParsedItem(null, $"the item does not match a ticket: {ex.Message}");
        }
    }

    private sealed record ParsedItem(BatchTicketRequest? Request, string? Error);

    private sealed class UnsupportedMediaException(string? mediaType) : Exception($"unsupported media type {mediaType}")
    {
        public string? MediaType { get; } = mediaType;
    }

    private sealed class TooManyItemsException : Exception;
}

/// <summary>One ticket of a batch: as <see cref="SubmitTicketRequest"/>, with its own idempotency key.</summary>
public sealed record BatchTicketRequest(
    string? Subject, string? Body, CustomerInfo? Customer, string? Channel, string? ExternalId, string? Variant, string? IdempotencyKey);

/// <summary>The result of a batch: counts, and one result per item in order.</summary>
public sealed record TicketBatchResult(int Created, int Existing, int Invalid, int Failed, IReadOnlyList<TicketBatchItem> Items);

/// <summary>One item's result.</summary>
/// <param name="Index">Its position in the batch, from 0.</param>
/// <param name="Outcome"><c>created</c>, <c>existing</c>, <c>invalid</c> or <c>failed</c>.</param>
/// <param name="TicketId">The new or existing ticket.</param>
/// <param name="WorkflowInstanceId">The new ticket's workflow.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Errors">Why it is invalid, by field.</param>
public sealed record TicketBatchItem(int Index, string Outcome, string? TicketId, string? WorkflowInstanceId, string? Error, IDictionary<string, string[]>? Errors)
{
    internal static TicketBatchItem Invalid(int index, IDictionary<string, string[]> errors) => new(index, "invalid", null, null, null, errors);
}
