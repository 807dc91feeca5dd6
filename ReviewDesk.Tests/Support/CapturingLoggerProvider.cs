using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// Keeps every formatted log line (with exceptions) that the host's filters let through, and in <see cref="Scopes"/> the
/// scope values each line was written under (the logger factory's own, such as the current span's TraceId and SpanId).
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>Each line with the scope values it was written under, their text included.</summary>
    public ConcurrentQueue<(string Line, IReadOnlyDictionary<string, string?> Scope)> Scopes { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            provider.Lines.Enqueue(line);
            var scope = new Dictionary<string, string?>(StringComparer.Ordinal);
            provider._scopes?.ForEachScope((value, values) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, item) in pairs) values[key] = item?.ToString();
                }

                values["{OriginalFormat}"] = (values.TryGetValue("{OriginalFormat}", out var text) ? text + " " : "") + value?.ToString();
            }, scope);
            provider.Scopes.Enqueue((line, scope));
        }
    }
}
