namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>What the cache keeps beside the semantic model file.</summary>
/// <param name="Recipe">The recipe key; a cache of another recipe is ignored.</param>
/// <param name="TrainingSha256">SHA-256 of the training file.</param>
/// <param name="TrainingTickets">How many tickets it was trained on.</param>
/// <param name="Temperature">The temperature fitted on the validation split for the category probabilities.</param>
/// <param name="P1Threshold">
/// The P1 probability from which the ticket is called P1 (a missed P1 costs more than a false
/// one), fitted with <paramref name="P2Weight"/> and <paramref name="P4Weight"/> on 5-fold
/// out-of-fold scores of the training tickets: the most accurate decision whose P1 recall reaches
/// 0.9, else the one with the best recall.
/// </param>
/// <param name="P2Weight">Below the P1 threshold, P2's probability is multiplied by this before the largest is taken.</param>
/// <param name="P4Weight">Below the P1 threshold, P4's probability is multiplied by this before the largest is taken.</param>
/// <param name="OutOfFoldPriorityAccuracy">The priority accuracy of that decision on the out-of-fold scores.</param>
/// <param name="OutOfFoldP1Recall">The P1 recall of that decision on the out-of-fold scores.</param>
internal sealed record SemanticModelMetadata(
    string Recipe,
    string TrainingSha256,
    int TrainingTickets,
    double Temperature,
    double P1Threshold,
    double P2Weight = 1,
    double P4Weight = 1,
    double OutOfFoldPriorityAccuracy = 0,
    double OutOfFoldP1Recall = 0)
{
    /// <summary>The model name classifications report (MiniLM-L6 with 8-bit weights, ML.NET heads; v4: the ordinal priority head; v5: the priority stacker).</summary>
    public const string ModelName = "minilm-l6-int8-mlnet-v5";
}
