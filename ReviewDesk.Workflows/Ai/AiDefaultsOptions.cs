namespace ReviewDesk.Workflows.Ai;

/// <summary>Which provider each AI step uses when its definition names none, bound from <c>Ai:Defaults</c>.</summary>
public sealed class AiDefaultsOptions
{
    /// <summary>The provider of the Classify step. Default <see cref="AiOptions.LocalProviderName"/>.</summary>
    public string Classify { get; set; } = AiOptions.LocalProviderName;
}
