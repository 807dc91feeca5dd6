namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// A retrained local model version: the ML.NET model itself (so every node loads the same one from the database),
/// how it was trained, and how it and the model in use then did on the held-out slice of reviewer-labelled tickets.
/// </summary>
public sealed class ModelVersionRecord
{
    /// <summary>1, 2, 3... (the version is <c>v{Number}</c>).</summary>
    public int Number { get; set; }
    /// <summary><c>v{Number}</c>, what classifications report.</summary>
    public required string Version { get; set; }
    /// <summary>The model name (the trainer), e.g. <c>mlnet-sdca-v1</c>.</summary>
    public required string Model { get; set; }
    /// <summary>Active, retired or rejected.</summary>
    public ModelVersionStatus Status { get; set; }
    /// <summary>Whether it classifies live traffic in shadow (recorded, never acted on).</summary>
    public bool Shadow { get; set; }
    /// <summary>Who asked for the retrain (<c>system</c> for the schedule and the label count).</summary>
    public required string CreatedBy { get; set; }
    /// <summary>Why: <c>console</c>, <c>labels</c> or <c>schedule</c>.</summary>
    public required string Trigger { get; set; }
    /// <summary>When it was trained.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Tickets it was trained on (shipped plus reviewer-labelled).</summary>
    public int TrainingTickets { get; set; }
    /// <summary>Reviewer-labelled tickets among them.</summary>
    public int ReviewerExamples { get; set; }
    /// <summary>The newest labelled example it saw (the label count trigger counts from here).</summary>
    public long LastExampleId { get; set; }
    /// <summary>Reviewer-labelled tickets held out to evaluate it.</summary>
    public int HeldOutTickets { get; set; }
    /// <summary>Its category accuracy on the held-out slice.</summary>
    public double Accuracy { get; set; }
    /// <summary>Its category macro-F1 on the held-out slice.</summary>
    public double MacroF1 { get; set; }
    /// <summary>Its priority accuracy on the held-out slice.</summary>
    public double PriorityAccuracy { get; set; }
    /// <summary>The version in use when it was evaluated (<c>base</c> or <c>v{n}</c>).</summary>
    public required string BaselineVersion { get; set; }
    /// <summary>The baseline's category accuracy on the same slice.</summary>
    public double BaselineAccuracy { get; set; }
    /// <summary>The baseline's category macro-F1 on the same slice.</summary>
    public double BaselineMacroF1 { get; set; }
    /// <summary>The baseline's priority accuracy on the same slice.</summary>
    public double BaselinePriorityAccuracy { get; set; }
    /// <summary>The held-out predictions of it and of the baseline, JSON, for the model page.</summary>
    public required string Evaluation { get; set; }
    /// <summary>The ML.NET model (<c>mlContext.Model.Save</c>).</summary>
    public required byte[] ModelData { get; set; }
    /// <summary>What training chose (temperature, trainer), JSON.</summary>
    public required string Metadata { get; set; }
}
