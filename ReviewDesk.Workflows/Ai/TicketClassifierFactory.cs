using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Workflows.Ai;

/// <summary>
/// Finds the classifier of a configured provider and keeps one per provider name (they hold HTTP
/// connections or a loaded model). Local providers come from the registered <see cref="ILocalClassifierSource"/>;
/// the others are <see cref="KernelTicketClassifier"/>s. Disposing the factory disposes them.
/// </summary>
public sealed class TicketClassifierFactory : ITicketClassifierFactory, IDisposable
{
    private readonly AiOptions _options;
    private readonly ILocalClassifierSource? _localSource;
    private readonly PiiPromptFilter _piiFilter;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ConcurrentDictionary<string, Lazy<ITicketClassifier>> _classifiers = new(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    /// <summary>Creates the factory.</summary>
    /// <param name="options">The <c>Ai</c> section.</param>
    /// <param name="localSource">Creates local (ML.NET) classifiers; null when none is registered, which leaves local providers unusable.</param>
    /// <param name="piiFilter">The guard of every chat-model prompt.</param>
    /// <param name="timeProvider">Clock of call timeouts.</param>
    /// <param name="loggerFactory">Loggers of the classifiers.</param>
    public TicketClassifierFactory(
        IOptions<AiOptions> options, ILocalClassifierSource? localSource, PiiPromptFilter piiFilter, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(piiFilter);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _options.EnsureLocalProvider();
        _localSource = localSource;
        _piiFilter = piiFilter;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The provider <see cref="Get"/> uses for a null or empty name (<c>Ai:Defaults:Classify</c>).</summary>
    public string DefaultProviderName => _options.Defaults.Classify;

    /// <inheritdoc />
    public ITicketClassifier Get(string? providerName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = string.IsNullOrWhiteSpace(providerName) ? DefaultProviderName : providerName.Trim();
        if (!_options.Providers.TryGetValue(name, out var provider))
        {
            throw new InvalidOperationException(
                $"No AI provider named '{name}' is configured (Ai:Providers:{name}). Configured providers: {string.Join(", ", _options.Providers.Keys.Order(StringComparer.OrdinalIgnoreCase))}.");
        }

        var problems = FindProblems(provider);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The AI provider '{name}' cannot be used; it needs: {string.Join(", ", problems)}.");
        }

        // Lazy: concurrent first calls must not build two kernels (and leak an HttpClient).
        return _classifiers.GetOrAdd(name, key => new Lazy<ITicketClassifier>(() => Create(key, provider))).Value;
    }

    /// <inheritdoc />
    public bool IsConfigured(string providerName)
    {
        ArgumentNullException.ThrowIfNull(providerName);
        return _options.Providers.TryGetValue(providerName.Trim(), out var provider) && FindProblems(provider).Count == 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var classifier in _classifiers.Values.Where(c => c.IsValueCreated).Select(c => c.Value))
        {
            (classifier as IDisposable)?.Dispose();
        }

        _classifiers.Clear();
    }

    private List<string> FindProblems(AiProviderOptions provider)
    {
        var problems = provider.FindProblems().ToList();
        if (problems.Count == 0 && provider.Type is AiProviderType.Local or AiProviderType.LocalSemantic && _localSource is null)
        {
            problems.Add($"a registered {nameof(ILocalClassifierSource)} (the local model)");
        }

        return problems;
    }

    private ITicketClassifier Create(string name, AiProviderOptions provider) => provider.Type is AiProviderType.Local or AiProviderType.LocalSemantic
        ? _localSource!.Create(name, provider)
        : new KernelTicketClassifier(name, provider, _piiFilter, _timeProvider, _loggerFactory.CreateLogger<KernelTicketClassifier>());
}
