using Microsoft.AspNetCore.Http;
using ReviewDesk.Web.Hosting;

namespace ReviewDesk.Tests.Web.Hosting;

public sealed class SecurityHeadersMiddlewareTests
{
    [Fact]
    public async Task InvokeAsync_AnyRequest_SetsSecurityHeadersAndCallsNext()
    {
        var nextCalled = false;
        var middleware = new SecurityHeadersMiddleware(_ =>
        {
            nextCalled = true;
            return Task.CompletedTask;
        });
        var context = new DefaultHttpContext();

        await middleware.InvokeAsync(context);

        var headers = context.Response.Headers;
        Assert.True(nextCalled);
        Assert.Equal("nosniff", headers.XContentTypeOptions);
        Assert.Equal("DENY", headers.XFrameOptions);
        Assert.Equal("no-referrer", headers["Referrer-Policy"]);
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, headers.ContentSecurityPolicy);
    }

    [Theory]
    [InlineData("script-src 'self';")]
    [InlineData("connect-src 'self';")]
    [InlineData("frame-ancestors 'none'")]
    [InlineData("object-src 'none';")]
    public void ContentSecurityPolicy_Always_ContainsDirective(string directive) =>
        Assert.Contains(directive, SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);

    [Fact]
    public void ContentSecurityPolicy_Always_AllowsNoInlineOrEvaluatedScript()
    {
        var scriptSrc = SecurityHeadersMiddleware.ContentSecurityPolicy
            .Split(';', StringSplitOptions.TrimEntries)
            .Single(directive => directive.StartsWith("script-src", StringComparison.Ordinal));

        Assert.DoesNotContain("unsafe", scriptSrc, StringComparison.Ordinal);
    }
}
