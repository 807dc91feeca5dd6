using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReviewDesk.Web.Hosting;

/// <summary>Writes a health report as JSON: <c>{status, checks: {name: {status, description, data}}}</c>.</summary>
internal static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsJsonAsync(body, Json, context.RequestAborted);
    }
}
