using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// The rate limit on sign-in form posts: <c>Auth:LoginRateLimit</c> per <c>Auth:LoginRateLimitWindow</c>
/// and client address (the page itself, a GET, is not limited). It sits in front of Identity's
/// per-account lockout, which stops guessing one account's password from many addresses.
/// </summary>
public static class LoginRateLimit
{
    public const string PolicyName = "login";

    public static RateLimiterOptions AddLoginPolicy(this RateLimiterOptions limiter, AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(auth);
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(PolicyName, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.LoginRateLimit, Window = auth.LoginRateLimitWindow, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("page"));
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var response = rejected.HttpContext.Response;
            if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("Too many sign-in attempts from this address. Wait a minute and try again.", cancellationToken);
        };
        return limiter;
    }
}
