using ReviewDesk.Web.Api;
using ReviewDesk.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Web host: configuration, Blazor Server + MudBlazor, health checks, security headers.
builder.AddReviewDeskWeb();

// The product: workflow runtime, triage (PII scrubbing, AI classification, review), encryption.
builder.AddReviewDeskApplication();

var app = builder.Build();

// Middleware and pages: security headers, static assets, /healthz, the Razor components.
app.MapReviewDeskWeb();

// HTTP API.
app.MapTicketsApi();
app.MapReviewsApi();

await app.RunAsync();

public partial class Program;
