namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>Settings of the local (offline, ML.NET) ticket classifier.</summary>
public sealed class LocalClassifierOptions
{
    /// <summary>
    /// Where trained models are cached, one file per training-data SHA-256 and recipe; relative
    /// paths resolve against the working directory. Default <c>data/models</c> (beside the
    /// default SQLite file of <c>Database:DataDirectory</c>).
    /// </summary>
    public string ModelDirectory { get; set; } = Path.Combine("data", "models");
}
