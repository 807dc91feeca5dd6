namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>What the cache keeps beside the ML.NET model file: the choices made while training.</summary>
/// <param name="Recipe">The training recipe's version; a cache of another recipe is ignored.</param>
/// <param name="TrainingSha256">SHA-256 of the training file the model was trained on.</param>
/// <param name="TrainingTickets">How many tickets it was trained on.</param>
/// <param name="CategoryTrainer">The trainer picked for the category by validation macro-F1.</param>
/// <param name="CandidateMacroF1">Validation macro-F1 of each candidate trainer.</param>
/// <param name="Temperature">The temperature fitted on the validation split for the category probabilities.</param>
internal sealed record LocalModelMetadata(
    string Recipe,
    string TrainingSha256,
    int TrainingTickets,
    LocalTrainerKind CategoryTrainer,
    IReadOnlyDictionary<string, double> CandidateMacroF1,
    double Temperature)
{
    /// <summary>The model name a classification reports, e.g. <c>mlnet-sdca-v1</c>.</summary>
    public string ModelName => $"mlnet-{CategoryTrainer.ToString().ToLowerInvariant()}-v1";
}
