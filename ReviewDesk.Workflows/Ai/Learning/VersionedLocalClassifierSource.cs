namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>Makes every local classifier of <paramref name="inner"/> a <see cref="VersionedLocalClassifier"/>.</summary>
public sealed class VersionedLocalClassifierSource(ILocalClassifierSource inner, ActiveModelRegistry registry) : ILocalClassifierSource
{
    /// <summary>
    /// <paramref name="inner"/> with versions when the learning services are registered (<paramref name="registry"/> not null);
    /// <paramref name="inner"/> itself otherwise.
    /// </summary>
    public static ILocalClassifierSource? Wrap(ILocalClassifierSource? inner, ActiveModelRegistry? registry) =>
        inner is null || registry is null ? inner : new VersionedLocalClassifierSource(inner, registry);

    /// <inheritdoc />
    public ITicketClassifier Create(string providerName, AiProviderOptions options) =>
        new VersionedLocalClassifier(providerName, inner.Create(providerName, options), registry);
}
