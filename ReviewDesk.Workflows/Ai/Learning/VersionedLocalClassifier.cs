using System.Diagnostics.CodeAnalysis;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// The local provider with model versions: the active retrained version classifies when there is one, the base model
/// (<see cref="Inner"/>) otherwise. Every classification names the version that made it.
/// </summary>
public sealed class VersionedLocalClassifier : IImmediateTicketClassifier, IDisposable
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
            return OfActive(active, ticket);
        }

        return OfBase(await Inner.ClassifyAsync(ticket, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>Only while the registry's last read of the active version is fresh, and the base model (if it is the one) is loaded.</remarks>
    public bool TryClassify(TicketText ticket, [NotNullWhen(true)] out ClassificationResult? result)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        result = null;
        if (!_registry.TryGetFresh(out var active)) return false;
        if (active is not null)
        {
            result = OfActive(active, ticket);
            return true;
        }

        if (Inner is not IImmediateTicketClassifier immediate || !immediate.TryClassify(ticket, out var inner)) return false;
        result = OfBase(inner);
        return true;
    }

    private ClassificationResult OfActive(ActiveModel active, TicketText ticket) =>
        new(StoredModel.Classify(active.Model, ticket, _provider, active.Version), Usage: null);

    private static ClassificationResult OfBase(ClassificationResult result) =>
        result with { Classification = result.Classification with { ModelVersion = result.Classification.ModelVersion ?? ModelVersions.Base } };

    /// <inheritdoc />
    public void Dispose() => (Inner as IDisposable)?.Dispose();
}
