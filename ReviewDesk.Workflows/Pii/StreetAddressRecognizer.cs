namespace ReviewDesk.Workflows.Pii;

/// <summary>Placeholder.</summary>
public sealed class StreetAddressRecognizer : IPiiRecognizer
{
    /// <inheritdoc />
    public string EntityType => PiiTypes.StreetAddress;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => [];

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text) => [];
}
