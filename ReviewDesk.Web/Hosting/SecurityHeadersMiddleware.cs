namespace ReviewDesk.Web.Hosting;

/// <summary>Adds security headers to every response.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Blazor Server needs no eval and no inline script; its circuit is a same-origin WebSocket,
    // which 'self' covers. MudBlazor writes inline style attributes and a <style> element for its
    // theme, hence 'unsafe-inline' for styles only. Its icons are inline SVG.
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public const string ReferrerPolicy = "no-referrer";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = ReferrerPolicy;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        // The API reference (Scalar) starts itself with a script that carries a per-response nonce:
        // allow exactly that script on exactly that response.
        context.Response.OnStarting(() =>
        {
            if (context.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] is string { Length: > 0 } nonce)
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal);
            }

            return Task.CompletedTask;
        });

        return next(context);
    }
}
