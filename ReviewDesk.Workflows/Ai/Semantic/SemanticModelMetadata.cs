namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>What the cache keeps beside the semantic model file.</summary>
/// <param name="Recipe">The recipe key; a cache of another recipe is ignored.</param>
/// <param name="TrainingSha256">SHA-256 of the training file.</param>
/// <param name="TrainingTickets">How many tickets it was trained on.</param>
/// <param name="Temperature">The temperature fitted on the validation split for the category probabilities.</param>
/// <param name="P1Threshold">
/// The P1 probability from which the ticket is called P1 (a missed P1 costs more than a false
/// one), fitted on the validation split: the most accurate threshold whose P1 recall reaches 0.9,
/// else the one with the best recall.
/// </param>
internal sealed record SemanticModelMetadata(string Recipe, string TrainingSha256, int TrainingTickets, double Temperature, double P1Threshold)
{
    /// <summary>The model name classifications report.</summary>
    public const string ModelName = "minilm-l6-mlnet-v1";
}
