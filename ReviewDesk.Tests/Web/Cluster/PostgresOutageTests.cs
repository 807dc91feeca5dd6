using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewDesk.Tests.Support.Web;

namespace ReviewDesk.Tests.Web.Cluster;

/// <summary>
/// The real web app (Production) on a PostgreSQL server of the test's own, really stopped and started: meanwhile
/// <c>/readyz</c> answers 503 Unhealthy (a load balancer takes the node out) while <c>/healthz</c> still answers, and an
/// API request answers 503 problem details with Retry-After, never a 500; after the restart the node is ready again,
/// its reads and writes work, and a ticket submitted before the outage is triaged.
/// </summary>
public sealed class PostgresOutageTests : IDisposable
{
    private const string ApiKey = "rdk_pg_outage_key_0123456789abcdef";
    private readonly string _folder = Directory.CreateTempSubdirectory("reviewdesk-pg-outage-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ServerStopped_ReadyzIsUnhealthy_HealthzAnswers_AndAfterTheRestartTheNodeIsReadyAndNothingIsLost()
    {
        using var cluster = TestPostgresCluster.Start();
        var connectionString = cluster.CreateDatabase("rd_outage");
        using var app = WebAppChild.Start(_folder, WebAppChild.FreePort(), ApiKey, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:ReviewDesk"] = connectionString,
            ["Database:ReconnectDelay"] = "00:00:00.200",
        });
        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await app.WaitUntilHealthyAsync(http);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ReadinessAsync(http));
        var before = await SubmitAsync(http, "before-outage");

        cluster.StopServer("fast");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await ReadinessAsync(http));
        // Liveness, as a probe asks it (no credentials): the process answers without the database.
        using (var probe = new HttpClient { BaseAddress = app.Address })
        using (var live = await probe.GetAsync("/healthz", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        // A new caller's key is looked up in the database, and so is the ticket: both meet the outage.
        using (var other = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) })
        {
            other.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            foreach (var client in (HttpClient[])[http, other])
            {
                using var read = await client.GetAsync($"/api/tickets/{before}", Ct);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
                Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
                Assert.Equal("5", read.Headers.GetValues("Retry-After").Single());
                Assert.Equal("The database is unavailable", (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
            }
        }

        cluster.StartServer();
        await Eventually.HoldsAsync(async () => await ReadinessAsync(http) == (HttpStatusCode.OK, "Healthy"), "the node to be ready again");
        var after = await SubmitAsync(http, "after-outage");
        foreach (var id in (string[])[before, after])
        {
            await Eventually.GetAsync(() => http.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct),
                t => t.GetProperty("status").GetString() is "Routed" or "AwaitingReview", $"ticket {id} to be triaged", TimeSpan.FromSeconds(90));
        }

        // The worker's look for due work failed during the outage: said once, and once more when it worked again.
        Assert.Equal(1, app.CountLines("Looking for due work failed"));
        Assert.Equal(1, app.CountLines("Looking for due work works again"));
    }

    private static async Task<(HttpStatusCode, string?)> ReadinessAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/readyz", Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body.GetProperty("status").GetString());
    }

    private static async Task<string> SubmitAsync(HttpClient http, string externalId)
    {
        using var response = await http.PostAsJsonAsync("/api/tickets",
            new { subject = $"Parcel late ({externalId})", body = "Where is my parcel? The delivery is a week late.", externalId }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }
}
