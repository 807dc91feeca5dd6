namespace ReviewDesk.Engine.Telemetry;

/// <summary>
/// A value read from the database for an observable gauge, kept for <c>maxAge</c> so that however often an exporter
/// collects (a Prometheus scrape, an OTLP reader, the console), the database is asked at most once per period. A read
/// that fails (the database is away) keeps the last value.
/// </summary>
/// <typeparam name="T">The reading.</typeparam>
public sealed class CachedReading<T>(Func<T> read, TimeSpan maxAge, TimeProvider time)
    where T : struct
{
    private readonly Lock _lock = new();
    private T _value;
    private long _readAt;
    private bool _hasValue;

    /// <summary>The last reading, read again first when it is older than the period.</summary>
    public T Get()
    {
        lock (_lock)
        {
            if (_hasValue && time.GetElapsedTime(_readAt) < maxAge) return _value;
            try
            {
                _value = read();
                _hasValue = true;
                _readAt = time.GetTimestamp();
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // Keep the last value; the next collection tries again.
            }

            return _value;
        }
    }
}
