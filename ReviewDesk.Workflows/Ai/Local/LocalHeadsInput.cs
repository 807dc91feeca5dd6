using Microsoft.ML.Data;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>What the heads read: the featurized text and the urgency cue counts.</summary>
internal sealed class LocalHeadsInput
{
    /// <summary>The featurizer's output (its vector size is set in the schema definition at run time).</summary>
    [ColumnName(LocalModelColumns.Features)]
    public VBuffer<float> Features { get; set; }

    /// <summary>Counts per <see cref="UrgencyCues"/> group.</summary>
    [ColumnName(LocalModelColumns.Urgency)]
    [VectorType(UrgencyCues.GroupCount)]
    public float[] Urgency { get; set; } = new float[UrgencyCues.GroupCount];
}
