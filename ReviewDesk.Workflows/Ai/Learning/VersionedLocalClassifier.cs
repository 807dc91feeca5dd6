namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// The local provider with model versions: the active retrained version classifies when there is one, the base model
/// (<see cref="Inner"/>) otherwise. Every classification names the version that made it.
/// </summary>
public sealed class VersionedLocalClassifier : ITicketClassifier, IDisposable
{
    private readonly string _provider;
    private readonly ActiveModelRegistry _registry;

    /// <summary>Wraps the base local classifier of <paramref name="provider"/>.</summary>
    public VersionedLocalClassifier(string provider, ITicketClassifier inner, ActiveModelRegistry registry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(registry);
        _provider = provider;
        Inner = inner;
        _registry = registry;
    }

    /// <summary>The base model's classifier.</summary>
    public ITicketClassifier Inner { get; }

    /// <inheritdoc />
    public async Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (await _registry.GetAsync(cancellationToken) is { } active)
        {
            return new ClassificationResult(StoredModel.Classify(active.Model, ticket, _provider, active.Version), Usage: null);
        }

        var result = await Inner.ClassifyAsync(ticket, cancellationToken);
        return result with { Classification = result.Classification with { ModelVersion = result.Classification.ModelVersion ?? ModelVersions.Base } };
    }

    /// <inheritdoc />
    public void Dispose() => (Inner as IDisposable)?.Dispose();
}
