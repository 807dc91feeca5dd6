namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>How the local classifier got its model.</summary>
/// <param name="Model">The model name classifications report, e.g. <c>mlnet-sdca-v1</c>.</param>
/// <param name="LoadedFromCache">True when the model was loaded from <paramref name="CacheFile"/>; false when it was trained.</param>
/// <param name="CacheFile">The cache file of this training data and recipe.</param>
/// <param name="Elapsed">Time to train (and save) or to load, measured by a stopwatch.</param>
/// <param name="TrainingDataSha256">SHA-256 of the training file (the cache key).</param>
/// <param name="TrainingTickets">How many labelled tickets the model was trained on.</param>
/// <param name="Temperature">The temperature applied to the category probabilities (1 = none).</param>
/// <param name="CandidateMacroF1">Validation macro-F1 of each candidate category trainer.</param>
public sealed record LocalModelInfo(
    string Model,
    bool LoadedFromCache,
    string CacheFile,
    TimeSpan Elapsed,
    string TrainingDataSha256,
    int TrainingTickets,
    double Temperature,
    IReadOnlyDictionary<string, double> CandidateMacroF1);
