using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using ReviewDesk.Web.Cluster;
using StackExchange.Redis;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// The rate limit on sign-in form posts: <c>Auth:LoginRateLimit</c> per <c>Auth:LoginRateLimitWindow</c>
/// and client address (the page itself, a GET, is not limited). It sits in front of Identity's
/// per-account lockout, which stops guessing one account's password from many addresses (the lockout's
/// count is in the database, so it holds across nodes by itself).
/// </summary>
public static class LoginRateLimit
{
    public const string PolicyName = "login";

    public static RateLimiterOptions AddLoginPolicy(this RateLimiterOptions limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy<string, LoginRateLimitPolicy>(PolicyName);
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var response = rejected.HttpContext.Response;
            if (RetryAfterSeconds(rejected.Lease) is { } seconds)
            {
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("Too many sign-in attempts from this address. Wait a minute and try again.", cancellationToken);
        };
        return limiter;
    }

    /// <summary>
    /// The lease's retry-after in whole seconds: .NET's limiters give a <see cref="TimeSpan"/> under
    /// <see cref="MetadataName.RetryAfter"/> (<c>RETRY_AFTER</c>); the Redis one gives seconds under <c>RATELIMIT_RETRYAFTER</c>.
    /// </summary>
    private static int? RetryAfterSeconds(RateLimitLease lease)
    {
        foreach (var (name, value) in lease.GetAllMetadata())
        {
            if (!name.Replace("_", "", StringComparison.Ordinal).EndsWith("RETRYAFTER", StringComparison.OrdinalIgnoreCase)) continue;
            return value switch
            {
                TimeSpan span => (int)Math.Ceiling(span.TotalSeconds),
                int seconds => seconds,
                long seconds => (int)seconds,
                _ => null,
            };
        }

        return null;
    }
}

/// <summary>
/// One node: a fixed window per client address in memory. Several nodes (<c>Cluster:Redis</c> set): the window is
/// counted in Redis (RedisRateLimiting's fixed window, one Lua script per post), so a client gets the limit once across
/// all nodes behind the load balancer, not once per node. While Redis is unreachable each node falls back to its own
/// window: sign-in keeps working, limited per node, and never answers 500 because Redis is down.
/// </summary>
internal sealed class LoginRateLimitPolicy : IRateLimiterPolicy<string>
{
    private readonly AuthOptions _auth;
    private readonly RedisConnection? _redis;
    private readonly string _keyPrefix;

    public LoginRateLimitPolicy(IOptions<AuthOptions> auth, IOptions<ClusterOptions> cluster, IServiceProvider services)
    {
        _auth = auth.Value;
        _redis = cluster.Value.IsClustered ? services.GetRequiredService<RedisConnection>() : null;
        _keyPrefix = cluster.Value.ChannelPrefix + ":login:";
    }

    /// <summary>Null: the rejection is written by <see cref="RateLimiterOptions.OnRejected"/>.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method)) return RateLimitPartition.GetNoLimiter("page");
        var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.Get(address, key =>
        {
            var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = _auth.LoginRateLimit, Window = _auth.LoginRateLimitWindow, QueueLimit = 0,
            });
            if (_redis is null) return local;
            var redis = _redis;
            var shared = new RedisFixedWindowRateLimiter<string>(_keyPrefix + key, new RedisFixedWindowRateLimiterOptions
            {
                PermitLimit = _auth.LoginRateLimit, Window = _auth.LoginRateLimitWindow, ConnectionMultiplexerFactory = () => redis.Multiplexer,
            });
            return new SharedWindowWithLocalFallback(shared, local, redis);
        });
    }

    /// <summary>Counts in Redis while it answers, in the node's own window while it does not.</summary>
    private sealed class SharedWindowWithLocalFallback(RateLimiter shared, RateLimiter local, RedisConnection redis) : RateLimiter
    {
        private static readonly RateLimitLease NotYet = new NotAcquiredLease();

        // Kept while the node's own window holds permits taken during an outage; the shared one keeps nothing here.
        public override TimeSpan? IdleDuration => local.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

        // The middleware tries a synchronous acquire first and waits for the asynchronous one when it fails; Redis is
        // only asked asynchronously, so this says "not yet" while Redis is up.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
            redis.IsUp && redis.Multiplexer.IsConnected ? NotYet : local.AttemptAcquire(permitCount);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            if (redis.IsUp && redis.Multiplexer.IsConnected)
            {
                try
                {
                    return await shared.AcquireAsync(permitCount, cancellationToken);
                }
                catch (RedisException exception)
                {
                    redis.MarkDown(exception.GetType().Name);
                }
            }

            return await local.AcquireAsync(permitCount, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                shared.Dispose();
                local.Dispose();
            }

            base.Dispose(disposing);
        }

        private sealed class NotAcquiredLease : RateLimitLease
        {
            public override bool IsAcquired => false;

            public override IEnumerable<string> MetadataNames => [];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }
        }
    }
}
