namespace ReviewDesk.Workflows.Pii;

/// <summary>Placeholder.</summary>
public sealed class DateOfBirthRecognizer : IPiiRecognizer
{
    /// <inheritdoc />
    public string EntityType => PiiTypes.DateOfBirth;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => [];

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text) => [];
}
