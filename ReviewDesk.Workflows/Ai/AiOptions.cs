namespace ReviewDesk.Workflows.Ai;

/// <summary>
/// AI providers and defaults, bound from the <c>Ai</c> section:
/// <c>Ai:Providers:&lt;name&gt;:{Type, Endpoint, Model, ApiKey, TimeoutSeconds, MaxConcurrentRequests, InputPricePer1K, OutputPricePer1K}</c>
/// and <c>Ai:Defaults:Classify</c>. A provider named <c>local</c> of type Local exists even when not configured.
/// </summary>
public sealed class AiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Ai";

    /// <summary>The name of the built-in offline provider.</summary>
    public const string LocalProviderName = "local";

    /// <summary>Providers by name (names compare case-insensitively, as configuration keys do).</summary>
    public IDictionary<string, AiProviderOptions> Providers { get; } =
        new Dictionary<string, AiProviderOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider each step uses by default.</summary>
    public AiDefaultsOptions Defaults { get; } = new();

    /// <summary>Adds the built-in <c>local</c> provider when it is not configured, and gives it its type when the configuration names none.</summary>
    internal void EnsureLocalProvider()
    {
        if (!Providers.TryGetValue(LocalProviderName, out var local))
        {
            Providers[LocalProviderName] = new AiProviderOptions { Type = AiProviderType.Local };
        }
        else
        {
            local.Type ??= AiProviderType.Local;
        }

        if (string.IsNullOrWhiteSpace(Defaults.Classify))
        {
            Defaults.Classify = LocalProviderName;
        }
    }
}
