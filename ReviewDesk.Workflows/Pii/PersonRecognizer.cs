namespace ReviewDesk.Workflows.Pii;

/// <summary>Placeholder.</summary>
public sealed class PersonRecognizer : IPiiRecognizer
{
    /// <inheritdoc />
    public string EntityType => PiiTypes.Person;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => [];

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text) => [];
}
