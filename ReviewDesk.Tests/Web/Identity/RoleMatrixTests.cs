using System.Net;
using ReviewDesk.Web.Identity;
using static ReviewDesk.Web.Identity.ReviewDeskPolicies;

namespace ReviewDesk.Tests.Web.Identity;

/// <summary>
/// The role matrix (README, "Roles"), checked against the app's own endpoint list: an endpoint
/// missing from <see cref="Expected"/>, or declaring other authorisation than it says, fails here,
/// so nothing new ships without a decision about who may use it. Then every API, hub and page
/// endpoint is called without credentials and as each role.
/// </summary>
public sealed class RoleMatrixTests(ReviewDeskWebFactory factory) : IClassFixture<ReviewDeskWebFactory>
{
    private const string Anonymous = EndpointInventory.Anonymous;

    /// <summary>Method and route → what it requires. <c>*</c> is any method (hubs, Blazor's circuit).</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        // Anonymous: sign-in and liveness (static assets are checked separately; the API reference's scripts are static assets too).
        ["GET /login"] = Anonymous,
        // A signed decision link's confirmation page: the token is the guard.
        ["GET /decide"] = Anonymous,
        ["POST /decide"] = Anonymous,
        ["POST /login"] = Anonymous,
        ["* /healthz"] = Anonymous,
        ["GET /scalar/favicon.svg"] = Anonymous,
        ["GET /scalar/scalar.aspnetcore.js"] = Anonymous,
        ["GET /scalar/scalar.js"] = Anonymous,

        // Readiness names pending migrations: any role (a probe sends an API key).
        ["* /readyz"] = AnyRole,

        // The OpenAPI document and its browsable reference: any role.
        ["GET /openapi/{documentName}.json"] = AnyRole,
        ["GET /scalar/{documentName?}"] = AnyRole,

        // Any signed-in user: home, sign-out, the access-denied and not-found pages, Blazor's own endpoints.
        ["GET /"] = Authenticated,
        ["POST /"] = Authenticated,
        ["POST /logout"] = Authenticated,
        ["GET /access-denied"] = Authenticated,
        ["POST /access-denied"] = Authenticated,
        ["GET /not-found"] = Authenticated,
        ["POST /not-found"] = Authenticated,
        ["* /_blazor"] = Authenticated,
        ["* /_blazor/disconnect/"] = Authenticated,
        ["* /_blazor/initializers/"] = Authenticated,
        ["* /_blazor/negotiate"] = Authenticated,
        ["GET /_framework/opaque-redirect"] = Authenticated,
        ["GET /{**path:file}"] = Authenticated,
        ["HEAD /{**path:file}"] = Authenticated,

        // Tickets: any role submits, lists and reads; commenting is a reviewer's act, cancelling an operator's.
        ["POST /api/tickets/"] = AnyRole,
        ["POST /api/tickets/batch"] = AnyRole,
        ["GET /api/tickets/"] = AnyRole,
        ["POST /api/tickets/{id}/cancel"] = $"{AnyRole}+{Operate}",
        ["GET /api/tickets/{id}"] = AnyRole,
        ["GET /api/tickets/{id}/timeline"] = AnyRole,
        ["GET /api/tickets/{id}/comments"] = AnyRole,
        ["POST /api/tickets/{id}/comments"] = $"{AnyRole}+{Review}",

        // Reviewing: Reviewer or Admin (take-over inside these: Admin, tested in ReviewsApiTests and ReviewHubTests).
        ["GET /api/reviews/"] = Review,
        ["POST /api/reviews/{ticketId}/claim"] = Review,
        ["POST /api/reviews/{ticketId}/release"] = Review,
        ["POST /api/reviews/{ticketId}/decision"] = Review,
        ["POST /api/reviews/bulk"] = Review,
        ["* /hubs/review"] = Review,
        ["* /hubs/review/negotiate"] = Review,
        ["GET /review"] = Review,
        ["GET /notifications"] = Review,
        ["POST /notifications"] = Review,
        ["POST /review"] = Review,
        ["GET /tickets/{Id}"] = Review,
        ["POST /tickets/{Id}"] = Review,

        // Operating: Operator or Admin. Workflow definitions are read by operators too; only admins change them.
        ["GET /api/instances/"] = Operate,
        ["GET /api/instances/{id}"] = Operate,
        ["GET /api/instances/{id}/journal"] = Operate,
        ["POST /api/instances/{id}/retry"] = Operate,
        ["POST /api/instances/{id}/cancel"] = Operate,
        ["GET /api/workflows/"] = Operate,
        ["GET /api/workflows/{id}"] = Operate,
        ["GET /api/workflows/{id}/export"] = Operate,
        ["POST /api/workflows/"] = $"{Administer}+{Operate}",
        ["POST /api/workflows/import"] = $"{Administer}+{Operate}",
        ["POST /api/workflows/validate"] = $"{Administer}+{Operate}",
        ["POST /api/workflows/{id}/versions/{version:int}/publish"] = $"{Administer}+{Operate}",
        ["POST /api/workflows/{id}/versions/{version:int}/retract"] = $"{Administer}+{Operate}",
        ["GET /operations"] = Operate,
        ["POST /operations"] = Operate,
        ["GET /operations/instances/{InstanceId}"] = Operate,
        ["POST /operations/instances/{InstanceId}"] = Operate,

        // Administering: Admin.
        ["GET /admin/api-keys"] = Administer,
        ["POST /admin/api-keys"] = Administer,
        ["GET /api/audit/"] = Administer,
        ["GET /api/audit/export"] = Administer,
        ["GET /audit"] = Administer,
        ["POST /audit"] = Administer,
        ["GET /api/models/"] = Administer,
        ["POST /api/models/retrain"] = Administer,
        ["GET /api/models/retrains/{id}"] = Administer,
        ["POST /api/models/{version}/promote"] = Administer,
        ["GET /models"] = Administer,
        ["POST /models"] = Administer,

        // Revealing a ticket's original PII values: Admin, or the PiiRevealer grant (tested in PiiRevealApiTests).
        ["POST /api/tickets/{id}/reveal"] = RevealPii,

        ["GET /workflows"] = Administer,
        ["POST /workflows"] = Administer,
        ["GET /workflows/{Id}/edit"] = Administer,
        ["POST /workflows/{Id}/edit"] = Administer,
    };

    /// <summary>Pages being written on another branch: listed so they are checked the moment they exist.</summary>
    private static readonly HashSet<string> NotYetBuilt = new(StringComparer.Ordinal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryEndpoint_DeclaresTheAuthorisationOfTheRoleMatrix()
    {
        var endpoints = EndpointInventory.Read(factory.Services);

        var wrong = endpoints.Where(e => !e.IsStaticAsset)
            .Where(e => !Expected.TryGetValue(e.Key, out var expected) || expected != e.Requirement)
            .Select(e => Expected.TryGetValue(e.Key, out var expected)
                ? $"{e.Key} requires {e.Requirement}, the matrix says {expected}"
                : $"{e.Key} requires {e.Requirement} and is not in the role matrix: add it to RoleMatrixTests.Expected and the README")
            .ToList();
        var missing = Expected.Keys.Where(k => !NotYetBuilt.Contains(k) && endpoints.All(e => e.Key != k)).ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(missing.Count == 0, "In the matrix but not in the app: " + string.Join(", ", missing));
        Assert.Contains(endpoints, e => e.IsStaticAsset);
        Assert.All(endpoints.Where(e => e.IsStaticAsset), e => Assert.Equal(Anonymous, e.Requirement));
    }

    [Fact]
    public async Task ApiAndHubEndpoints_Are401WithoutAKey_403ForOtherRoles_AllowedForTheirRoles()
    {
        var calls = EndpointInventory.Read(factory.Services).Where(e => e.Key.Contains(" /api/", StringComparison.Ordinal) || e.Key.Contains(" /hubs/", StringComparison.Ordinal)
            || e.Key.Contains(" /openapi/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(calls);
        using var anonymous = factory.CreateAnonymousClient();
        var failures = new List<string>();

        foreach (var endpoint in calls)
        {
            using (var response = await anonymous.SendAsync(Request(endpoint), Ct))
            {
                if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{endpoint.Key} without a key: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
                }
            }

            foreach (var role in ReviewDeskRoles.All)
            {
                using var client = factory.CreateClient(role.ToLowerInvariant());
                using var response = await client.SendAsync(Request(endpoint), Ct);
                var allowed = Allows(Expected.GetValueOrDefault(endpoint.Key, endpoint.Requirement), role);
                var status = response.StatusCode;
                if (allowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) failures.Add($"{endpoint.Key} as {role}: {(int)status}, expected to be let in");
                if (!allowed && status != HttpStatusCode.Forbidden) failures.Add($"{endpoint.Key} as {role}: {(int)status}, expected 403");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Pages_RedirectToLoginWithoutCredentials_AndAnswerOnlyTheirRoles()
    {
        var pages = EndpointInventory.Read(factory.Services)
            .Where(e => e.Key.StartsWith("GET /", StringComparison.Ordinal) && !e.IsStaticAsset && !e.Key.Contains("/api/", StringComparison.Ordinal) && !e.Key.Contains("/openapi/", StringComparison.Ordinal)
                && !e.Key.Contains("/_", StringComparison.Ordinal) && !e.Key.Contains("**", StringComparison.Ordinal) && e.Requirement != Anonymous)
            .ToList();
        Assert.Contains(pages, p => p.Key == "GET /operations");
        using var anonymous = factory.CreateAnonymousClient();
        var failures = new List<string>();

        foreach (var page in pages)
        {
            using (var response = await anonymous.SendAsync(Request(page), Ct))
            {
                if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.AbsolutePath != AccountEndpoints.LoginPath)
                {
                    failures.Add($"{page.Key} without credentials: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }

            foreach (var role in ReviewDeskRoles.All)
            {
                using var client = factory.CreateClient(role.ToLowerInvariant());
                using var response = await client.SendAsync(Request(page), Ct);
                var expected = Allows(Expected.GetValueOrDefault(page.Key, page.Requirement), role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                if (response.StatusCode != expected) failures.Add($"{page.Key} as {role}: {(int)response.StatusCode}, expected {(int)expected}" + string.Join("\n", factory.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(1)));
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task StaticAssetsHealthAndLogin_AreAnonymous()
    {
        using var anonymous = factory.CreateAnonymousClient();

        foreach (var path in new[] { "/healthz", "/login", "/scalar/scalar.js", "/_framework/blazor.web.js", "/app.css", "/favicon.svg", "/_content/MudBlazor/MudBlazor.min.css" })
        {
            using var response = await anonymous.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    private static bool Allows(string requirement, string role) => requirement.Split('+').All(policy =>
        policy is Anonymous or Authenticated || ReviewDeskPolicies.Roles[policy].Contains(role));

    private static HttpRequestMessage Request(EndpointEntry endpoint)
    {
        var space = endpoint.Key.IndexOf(' ', StringComparison.Ordinal);
        var method = endpoint.Key[..space];
        var path = endpoint.Key[(space + 1)..].Replace("{id}", "tk_matrix", StringComparison.Ordinal)
            .Replace("{ticketId}", "tk_matrix", StringComparison.Ordinal).Replace("{InstanceId}", "wf_matrix", StringComparison.Ordinal)
            .Replace("{version:int}", "1", StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal).Replace("{documentName?}", "v1", StringComparison.Ordinal);
        // Hubs answer any method: negotiate is a POST, the connection itself a GET.
        if (method == "*") method = path.EndsWith("/negotiate", StringComparison.Ordinal) ? "POST" : "GET";
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return request;
    }
}
