using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Tests.Support;

using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// The web app with its e-mail channel pointed at a real SMTP server on 127.0.0.1 and one signed webhook at a local
/// receiver; two reviewer accounts, an admin, and a variant (no audit sample; the Notify step retries fast) to submit to.
/// </summary>
public sealed class NotificationHost : IAsyncDisposable
{
    public const string Variant = "notify-test";
    public const string Ana = "ana@review.test";
    public const string Ben = "ben@review.test";
    public const string AdminEmail = "root@review.test";
    public const string Password = "Notify-Test-Password-1";

    private NotificationHost(ReviewDeskWebFactory factory, TestSmtpServer smtp, WebhookReceiver webhook)
    {
        Factory = factory;
        Smtp = smtp;
        Webhook = webhook;
    }

    public ReviewDeskWebFactory Factory { get; }
    public TestSmtpServer Smtp { get; }
    public WebhookReceiver Webhook { get; }
    public IServiceProvider Services => Factory.Services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Starts it. <paramref name="kestrel"/>: on a real port (for chromium; links then point at it), otherwise the
    /// in-memory server with links to http://localhost/.
    /// </summary>
    public static async Task<NotificationHost> StartAsync(Action<ReviewDeskWebFactory>? configure = null, bool kestrel = false)
    {
        var smtp = await TestSmtpServer.StartAsync();
        var webhook = await WebhookReceiver.StartAsync();
        var factory = new ReviewDeskWebFactory { Classifier = new KeywordClassifierSource() };
        factory.Settings["Notifications:Email:Host"] = "127.0.0.1";
        factory.Settings["Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Email:Security"] = "None";
        factory.Settings["Notifications:Email:From"] = "reviewdesk@review.test";
        factory.Settings["Notifications:Webhooks:chat:Url"] = webhook.Url.ToString();
        factory.Settings["Notifications:Webhooks:chat:Secret"] = WebhookReceiver.Secret;
        factory.Settings["Notifications:Webhooks:chat:Timeout"] = "00:00:01";
        if (!kestrel) factory.Settings["Notifications:PublicBaseUrl"] = "http://localhost/";
        configure?.Invoke(factory);
        if (kestrel)
        {
            factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
            factory.StartServer();
        }

        var host = new NotificationHost(factory, smtp, webhook);
        await host.CreateAccountAsync(Ana, ReviewDeskRoles.Reviewer);
        await host.CreateAccountAsync(Ben, ReviewDeskRoles.Reviewer);
        await host.CreateAccountAsync(AdminEmail, ReviewDeskRoles.Admin);
        await PublishVariantAsync(factory.Services);
        return host;
    }

    public async Task CreateAccountAsync(string email, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    /// <summary>The shipped definition without the audit sample, its Notify step retrying after 100 ms.</summary>
    private static async Task PublishVariantAsync(IServiceProvider services)
    {
        var definitions = services.GetRequiredService<WorkflowDefinitionStore>();
        var shipped = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        var nodes = shipped.Nodes.Select(n => n.Id switch
        {
            "decide" => n with { Settings = new JsonObject { ["threshold"] = 0.8, ["auditPercent"] = 0 } },
            "notify" => n with { Retry = n.Retry! with { InitialInterval = TimeSpan.FromMilliseconds(100), MaximumInterval = TimeSpan.FromMilliseconds(200) } },
            _ => n,
        }).ToList();
        Assert.True((await definitions.SaveAndPublishAsync(shipped with { Id = Variant, Name = "Notify test", Nodes = nodes }, "test", Ct)).Succeeded);
    }

    /// <summary>Submits a ticket the keyword classifier is unsure of (it needs review) and waits until it awaits review.</summary>
    public async Task<string> SubmitForReviewAsync(HttpClient client, string subject = "Hmm, where does this go", string body = "not sure where this goes")
    {
        using var response = await client.PostAsJsonAsync("/api/tickets", new { subject, body, variant = Variant }, Ct);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await ReviewTickets.WaitForStatusAsync(client, id, "AwaitingReview");
        return id;
    }

    public async Task<List<T>> ReadAsync<T>(Func<TriageDbContext, IQueryable<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync(Ct);
        return await query(db).ToListAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Webhook.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
