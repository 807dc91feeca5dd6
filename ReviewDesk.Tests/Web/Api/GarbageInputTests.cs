using System.Net;
using System.Text;

namespace ReviewDesk.Tests.Web.Api;

/// <summary>
/// Every endpoint this issue added, hit with garbage ids, query strings and bodies (as a caller with every role, so
/// authorisation lets it all through to the handlers): nothing answers 500.
/// </summary>
public sealed class GarbageInputTests : IAsyncLifetime
{
    private readonly ReviewDeskWebFactory _factory = new() { Classifier = new KeywordClassifierSource() };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static readonly string[] Ids =
    [
        "tk_nope", "..%2F..%2Fetc", "%F0%9F%92%A5", "'%20OR%201%3D1%20--", new string('x', 3000), "%25%25", "support-triage%0A",
    ];

    private static readonly string[] Queries =
    [
        "?page=99999999999&pageSize=-5", "?page=2147483647&pageSize=200", "?status=%00&q=%25%25%25", "?createdFrom=9999-99-99&createdTo=0",
        "?createdFrom=0001-01-01&createdTo=9999-12-31T23:59:59Z", "?q=" + new string('%', 150), "?q=%5C%5C%25", "?version=-1",
        "?version=99999999999", "?definition=&businessKey=", "?status=Faulted&status=Running", "?category[]=x&channel=%F0%9F%92%A5",
    ];

    private static readonly (string Body, string MediaType)[] Bodies =
    [
        ("{", "application/json"), ("[1,2", "application/json"), ("null", "application/json"), ("\"text\"", "application/json"),
        ("{\"reason\": 5}", "application/json"), ("{\"reason\": {\"a\": [1]}}", "application/json"), ("{\"id\": {}, \"name\": []}", "application/json"),
        (new string('[', 2000) + new string(']', 2000), "application/json"), ("<xml/>", "application/xml"), ("id=1", "application/x-www-form-urlencoded"),
        ("\u0000\u0001\u0002", "application/json"), ("{\"nodes\": [{\"id\": \"a\", \"type\": \"NoOp\", \"settings\": {\"x\": 1e999}}]}", "application/json"),
        ("{\"id\":\"g\",\"name\":\"g\",\"nodes\":[{\"id\":\"a\",\"type\":\"Classify\",\"settings\":{\"provider\":[1],\"fallbackToLocal\":\"yes\"}}]}", "application/json"),
        ("{\"id\":\"g\",\"name\":\"g\",\"nodes\":[{\"id\":\"a\",\"type\":\"Decide\",\"settings\":{\"threshold\":\"high\",\"auditPercent\":{}}}]}", "application/json"),
        ("{\"id\":\"g\",\"name\":\"g\",\"startNodeId\":\"zz\",\"nodes\":[{\"id\":\"a\",\"type\":\"NoOp\",\"retry\":{\"initialInterval\":\"-00:00:01\",\"backoffCoefficient\":-3}}]}", "application/json"),
        (new string('x', 70 * 1024), "application/json"),
    ];

    [Fact]
    public async Task NewEndpoints_GarbageIdsQueriesAndBodies_NeverAnswer500()
    {
        using var client = _factory.CreateClient();
        var failures = new List<string>();
        var gets = new List<string> { "/api/tickets", "/api/workflows", "/api/instances", "/readyz" };
        var posts = new List<string> { "/api/workflows", "/api/workflows/import", "/api/workflows/validate" };
        foreach (var id in Ids)
        {
            gets.AddRange([$"/api/workflows/{id}", $"/api/workflows/{id}/export", $"/api/instances/{id}", $"/api/instances/{id}/journal"]);
            posts.AddRange([$"/api/tickets/{id}/cancel", $"/api/instances/{id}/retry", $"/api/instances/{id}/cancel",
                $"/api/workflows/{id}/versions/1/publish", $"/api/workflows/{id}/versions/1/retract", $"/api/workflows/{id}/versions/99999999999/publish"]);
        }

        foreach (var path in gets)
        {
            foreach (var query in Queries.Prepend(""))
            {
                using var response = await client.GetAsync(path + query, Ct);
                if ((int)response.StatusCode >= 500) failures.Add($"GET {path}{query}: {(int)response.StatusCode}");
            }
        }

        foreach (var path in posts)
        {
            foreach (var (body, mediaType) in Bodies)
            {
                using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, mediaType), Ct);
                if ((int)response.StatusCode >= 500) failures.Add($"POST {path} {Shorten(body)} ({mediaType}): {(int)response.StatusCode}");
            }

            using (var empty = await client.PostAsync(path, null, Ct))
            {
                if ((int)empty.StatusCode >= 500) failures.Add($"POST {path} without a body: {(int)empty.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // The test host runs in Development, where minimal APIs throw BadHttpRequestException for a body they cannot
        // read (the developer page answers it with its 400); anything else unhandled would be a bug.
        var unhandled = _factory.Logs.Lines.Where(l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase)
            && !l.Contains("Microsoft.AspNetCore.Http.BadHttpRequestException", StringComparison.Ordinal)).ToList();
        Assert.True(unhandled.Count == 0, string.Join(Environment.NewLine, unhandled.Select(l => l.Length > 600 ? l[..600] : l)));
    }

    [Fact]
    public async Task NewEndpoints_WithoutAKeyOrWithAnUnknownOne_Are401()
    {
        using var anonymous = _factory.CreateAnonymousClient();
        using var unknown = _factory.CreateAnonymousClient();
        unknown.DefaultRequestHeaders.Add(TestApiKeys.Header, "rdk_not_a_key_0123456789abcdef");

        foreach (var client in new[] { anonymous, unknown })
        {
            foreach (var (method, path) in new[] { ("GET", "/api/tickets"), ("POST", "/api/tickets/tk_1/cancel"), ("GET", "/api/workflows"), ("POST", "/api/workflows/validate"),
                ("GET", "/api/instances"), ("POST", "/api/instances/wf_1/retry"), ("GET", "/openapi/v1.json") })
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}");
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
