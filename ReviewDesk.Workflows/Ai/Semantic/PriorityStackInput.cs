using Microsoft.ML.Data;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>The row the priority stacker reads (<see cref="PriorityStack"/>): its features and, in training, the priority.</summary>
internal sealed class PriorityStackInput
{
    /// <summary>The <see cref="PriorityStack.Features"/> of a ticket.</summary>
    [VectorType(PriorityStack.FeatureCount)]
    public float[] Features { get; set; } = new float[PriorityStack.FeatureCount];

    /// <summary>The priority label (training only).</summary>
    public string Label { get; set; } = "";
}
