using ReviewDesk.Workflows;
using ReviewDesk.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Web host: configuration, Blazor Server + MudBlazor, health checks, security headers.
builder.AddReviewDeskWeb();

// Workflow runtime: persistence (migrated at start), definitions, the worker, retention, events.
builder.Services.AddReviewDeskWorkflows(builder.Configuration);

var app = builder.Build();

// Middleware and endpoints: security headers, static assets, /healthz, the Razor components.
app.MapReviewDeskWeb();

await app.RunAsync();

public partial class Program;
