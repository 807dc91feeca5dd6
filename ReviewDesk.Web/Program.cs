using ReviewDesk.Web.Api;
using ReviewDesk.Web.Cli;
using ReviewDesk.Web.Hosting;
using ReviewDesk.Web.Hubs;

// Command-line verbs (pii, triage, ...) run and exit; an unknown one is an error; no verb, or `serve`, starts the server.
if (await CliApp.TryRunAsync(args) is { } exitCode) return exitCode;

// Configuration files are read once, at start. The data folder (the SQLite file and its WAL) usually lies under the
// content root, and the default reload watcher on the content root would wake for every commit.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. CliApp.ServerArguments(args)]);

// Web host: configuration, Blazor Server + MudBlazor, health checks, security headers.
builder.AddReviewDeskWeb();

// The product: workflow runtime, triage (PII scrubbing, AI classification, review queue), encryption, review hub.
builder.AddReviewDeskApplication();

// Sign-in and roles: accounts (Identity), the console's cookie, X-Api-Key, role policies with an authenticated fallback.
builder.AddReviewDeskAuth();

// The HTTP API's OpenAPI document and its browsable reference.
builder.AddReviewDeskOpenApi();

// Traces, metrics and logs: OTLP, a Prometheus scrape endpoint or the console, as Telemetry says (none by default).
builder.AddReviewDeskTelemetry();

var app = builder.Build();

// Middleware and pages: security headers, refusing new requests once stopping, sign-in, static assets, /healthz, the Razor components.
app.MapReviewDeskWeb();

// HTTP API.
app.UseMiddleware<ApiRequestLimitMiddleware>();
app.MapTicketsApi();
app.MapTicketBatchApi();
app.MapReviewsApi();
app.MapWorkflowsApi();
app.MapInstancesApi();
app.MapModelsApi();
app.MapReviewDeskOpenApi();
app.MapAuditApi();
app.MapReviewDeskTelemetry();

// Live review queue (SignalR).
app.MapHub<ReviewHub>(ReviewHub.Path);

await app.RunAsync();
return 0;

public partial class Program;
