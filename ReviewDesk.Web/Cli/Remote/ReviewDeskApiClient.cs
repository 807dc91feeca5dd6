using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReviewDesk.Web.Api;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary>
/// The HTTP API of a running ReviewDesk server, one method per operation the command line uses. The
/// request types are the server's own (<see cref="SubmitTicketRequest"/>, <see cref="TicketListRequest"/>,
/// <see cref="ReviewQueueRequest"/>, <see cref="ReviewDecision"/>), so client and server cannot drift
/// apart. A successful answer comes back as sent (<see cref="ApiResponse"/>: the command line prints it
/// raw with <c>--json</c>); an error answer throws <see cref="ReviewDeskApiException"/>.
/// </summary>
/// <param name="http">A client whose base address is the server and which sends the API key (see <see cref="CreateHttpClient"/>).</param>
public sealed class ReviewDeskApiClient(HttpClient http)
{
    /// <summary>The header that carries the API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>An <see cref="HttpClient"/> for <paramref name="server"/> that authenticates with <paramref name="apiKey"/>.</summary>
    public static HttpClient CreateHttpClient(Uri server, string apiKey, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        // Relative request paths then resolve below a server that lives under a path prefix.
        var baseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = baseAddress;
        client.DefaultRequestHeaders.TryAddWithoutValidation(ApiKeyHeader, apiKey);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return client;
    }

    /// <summary><c>POST /api/tickets</c>: 202 with the new ticket, 200 with the earlier one for a repeated external id or idempotency key.</summary>
    /// <summary><c>POST /api/tickets/batch</c> with NDJSON (one ticket per line).</summary>
    public Task<ApiResponse> SubmitTicketBatchAsync(string ndjson, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/tickets/batch")
        {
            Content = new StringContent(ndjson, System.Text.Encoding.UTF8, "application/x-ndjson"),
        }, cancellationToken);

    public Task<ApiResponse> SubmitTicketAsync(SubmitTicketRequest ticket, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/tickets") { Content = JsonContent.Create(ticket, options: JsonSerializerOptions.Web) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync(request, cancellationToken);
    }

    /// <summary><c>GET /api/tickets/{id}</c>.</summary>
    public Task<ApiResponse> GetTicketAsync(string id, CancellationToken cancellationToken) =>
        GetAsync($"api/tickets/{Escape(id)}", cancellationToken);

    /// <summary><c>GET /api/tickets/{id}/timeline</c>.</summary>
    public Task<ApiResponse> GetTimelineAsync(string id, CancellationToken cancellationToken) =>
        GetAsync($"api/tickets/{Escape(id)}/timeline", cancellationToken);

    /// <summary><c>GET /api/tickets</c> with the filters and page that are set.</summary>
    public Task<ApiResponse> ListTicketsAsync(TicketListRequest filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return GetAsync("api/tickets" + Query(
            ("status", filter.Status), ("queue", filter.Queue), ("category", filter.Category), ("channel", filter.Channel),
            ("variant", filter.Variant), ("q", filter.Q), ("createdFrom", filter.CreatedFrom), ("createdTo", filter.CreatedTo),
            ("page", filter.Page), ("pageSize", filter.PageSize)), cancellationToken);
    }

    /// <summary><c>GET /api/reviews</c>: the review queue with the filters, order and page that are set.</summary>
    public Task<ApiResponse> ListReviewsAsync(ReviewQueueRequest filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return GetAsync("api/reviews" + Query(
            ("category", filter.Category), ("priority", filter.Priority), ("minConfidence", filter.MinConfidence),
            ("maxConfidence", filter.MaxConfidence), ("reason", filter.Reason), ("piiType", filter.PiiType),
            ("variant", filter.Variant), ("sort", filter.Sort), ("page", filter.Page), ("pageSize", filter.PageSize)), cancellationToken);
    }

    /// <summary><c>POST /api/reviews/{ticketId}/claim</c>, with <c>?takeOver=true</c> when an admin takes another reviewer's claim.</summary>
    public Task<ApiResponse> ClaimAsync(string ticketId, bool takeOver, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/reviews/{Escape(ticketId)}/claim" + (takeOver ? "?takeOver=true" : "")), cancellationToken);

    /// <summary><c>POST /api/reviews/{ticketId}/decision</c>: approve, reject or escalate.</summary>
    public Task<ApiResponse> DecideAsync(string ticketId, ReviewDecision decision, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/reviews/{Escape(ticketId)}/decision")
        {
            Content = JsonContent.Create(decision, options: JsonSerializerOptions.Web),
        }, cancellationToken);

    /// <summary><c>POST /api/reviews/bulk</c>: approve, assign or escalate several tickets; one result per ticket.</summary>
    public Task<ApiResponse> BulkReviewAsync(BulkReviewRequest request, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/reviews/bulk")
        {
            Content = JsonContent.Create(request, options: JsonSerializerOptions.Web),
        }, cancellationToken);

    /// <summary><c>GET /api/workflows</c>.</summary>
    public Task<ApiResponse> ListWorkflowsAsync(CancellationToken cancellationToken) => GetAsync("api/workflows", cancellationToken);

    /// <summary><c>GET /api/workflows/{id}/export</c>: the definition file of the newest version, or of <paramref name="version"/>.</summary>
    public Task<ApiResponse> ExportWorkflowAsync(string id, int? version, CancellationToken cancellationToken) =>
        GetAsync($"api/workflows/{Escape(id)}/export" + Query(("version", version?.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    /// <summary><c>POST /api/workflows/import</c>: saves an exported definition file as its id's draft.</summary>
    public Task<ApiResponse> ImportWorkflowAsync(string definitionJson, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/workflows/import")
        {
            Content = new StringContent(definitionJson, Encoding.UTF8, "application/json"),
        }, cancellationToken);

    /// <summary><c>POST /api/workflows/{id}/versions/{version}/publish</c>.</summary>
    public Task<ApiResponse> PublishWorkflowAsync(string id, int version, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/workflows/{Escape(id)}/versions/{version.ToString(CultureInfo.InvariantCulture)}/publish"), cancellationToken);

    /// <summary><c>GET /api/models</c>.</summary>
    public Task<ApiResponse> ListModelsAsync(CancellationToken cancellationToken) => GetAsync("api/models", cancellationToken);

    /// <summary><c>POST /api/models/retrain</c>: 202 Accepted at once, <see cref="ApiResponse.Location"/> naming the run's status.</summary>
    public Task<ApiResponse> RetrainModelAsync(CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/models/retrain"), cancellationToken);

    /// <summary><c>GET</c> a retrain run's status at the <paramref name="location"/> the retrain answered with.</summary>
    public Task<ApiResponse> GetRetrainAsync(Uri location, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, location), cancellationToken);

    /// <summary><c>POST /api/models/{version}/promote</c> (an older version, or <c>base</c>: a rollback).</summary>
    public Task<ApiResponse> PromoteModelAsync(string version, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/models/{Escape(version)}/promote"), cancellationToken);

    private Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    private async Task<ApiResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await http.SendAsync(request, cancellationToken))
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ReviewDeskApiException((int)response.StatusCode, ProblemLine.From(response.StatusCode, response.ReasonPhrase, body));
            }

            return new ApiResponse((int)response.StatusCode, body) { Location = response.Headers.Location };
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var set = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join('&', set);
    }
}
