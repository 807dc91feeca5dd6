using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ReviewDesk.Tests.Web.Api;

/// <summary>
/// Every operation of the OpenAPI document, sent malformed JSON, a wrong media type, a body of the wrong shape, no body,
/// and unparsable route and query values (issue 15, item 8): every 4xx answer is RFC 7807 problem JSON with its title
/// and status, never an empty body, and nothing answers 5xx.
/// </summary>
public sealed class MalformedRequestTests(ReviewDeskWebFactory factory) : IClassFixture<ReviewDeskWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryOperation_MalformedRequests_AnswerProblemJsonWithTitleAndStatus()
    {
        using var client = factory.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var failures = new List<string>();
        var sent = 0;

        foreach (var operation in Operations(document))
        {
            foreach (var request in MalformedRequests(operation))
            {
                sent++;
                using var response = await client.SendAsync(request.Message, Ct);
                var failure = await CheckAsync(response, request.MustBeRejected);
                if (failure is not null) failures.Add($"{operation.Method} {operation.Path} {request.What}: {failure}");
            }
        }

        Assert.True(sent > 100, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task UnknownApiRouteAndWrongMethod_AnswerProblemJson()
    {
        using var client = factory.CreateClient();

        using var unknown = await client.GetAsync("/api/no-such-resource", Ct);
        using var wrongMethod = await client.DeleteAsync("/api/tickets", Ct);

        Assert.Null(await CheckAsync(unknown, mustBeRejected: true));
        Assert.Null(await CheckAsync(wrongMethod, mustBeRejected: true));
        Assert.Equal((404, 405), ((int)unknown.StatusCode, (int)wrongMethod.StatusCode));
    }

    [Fact]
    public async Task UnknownPageAddress_AsABrowserAsksForIt_AnswersTheNotFoundPageWith404()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/page");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There is nothing at this address.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private sealed record Operation(string Method, string Path, JsonElement Definition)
    {
        public bool TakesBody => Definition.TryGetProperty("requestBody", out _);

        public IEnumerable<JsonElement> Parameters(string location) =>
            Definition.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == location)
                : [];
    }

    private sealed record MalformedRequest(string What, HttpRequestMessage Message, bool MustBeRejected);

    private static IEnumerable<Operation> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        select new Operation(method.Name.ToUpperInvariant(), path.Name, method.Value);

    private static IEnumerable<MalformedRequest> MalformedRequests(Operation operation)
    {
        var path = PathWith(operation, value: "1");
        if (operation.TakesBody)
        {
            yield return new("malformed JSON", Message(operation.Method, path, "{\"subject\": ", "application/json"), MustBeRejected: true);
            yield return new("wrong media type", Message(operation.Method, path, "subject=x", "text/plain"), MustBeRejected: true);
            yield return new("a body of the wrong shape", Message(operation.Method, path, "[1, 2, 3]", "application/json"), MustBeRejected: false);
            yield return new("no body", new HttpRequestMessage(new HttpMethod(operation.Method), path), MustBeRejected: false);
        }
        else if (operation.Method != "GET")
        {
            // A body the operation does not take (reveal, say) is ignored or refused, never a bare status.
            yield return new("a malformed body it does not take", Message(operation.Method, path, "{\"reason\": ", "application/json"), MustBeRejected: false);
            yield return new("a body of a media type it does not take", Message(operation.Method, path, "<x/>", "application/xml"), MustBeRejected: false);
        }

        foreach (var bad in new[] { "abc", "-1", "99999999999", "%F0%9F%92%A5" })
        {
            var query = string.Join('&', operation.Parameters("query").Select(p => $"{p.GetProperty("name").GetString()}={bad}"));
            var target = PathWith(operation, bad) + (query.Length > 0 ? "?" + query : "");
            var body = operation.TakesBody ? "{}" : null;
            yield return new($"route and query values '{bad}'", Message(operation.Method, target, body, "application/json"), MustBeRejected: false);
        }
    }

    private static string PathWith(Operation operation, string value) =>
        operation.Parameters("path").Aggregate(operation.Path, (path, p) => path.Replace("{" + p.GetProperty("name").GetString() + "}", value, StringComparison.Ordinal));

    private static HttpRequestMessage Message(string method, string target, string? body, string mediaType) =>
        new(new HttpMethod(method), target) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, mediaType) };

    /// <summary>Null when the answer is acceptable, else what is wrong with it.</summary>
    private static async Task<string?> CheckAsync(HttpResponseMessage response, bool mustBeRejected)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) return $"answered {status}";
        if (status < 400) return mustBeRejected ? $"accepted it with {status}" : null;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != "application/problem+json") return $"{status} with {(mediaType ?? "no content type")} '{Shorten(await response.Content.ReadAsStringAsync(Ct))}'";
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        if (!problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString())) return $"{status} problem without a title";
        if (!problem.TryGetProperty("status", out var said) || said.GetInt32() != status) return $"{status} problem without its status";
        return null;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
