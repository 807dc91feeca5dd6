using Microsoft.ML.Data;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>What the featurizer gives for one ticket: the text features (sparse), which the heads and the explainer read.</summary>
internal sealed class LocalFeatures
{
    [ColumnName(LocalModelColumns.Features)]
    public VBuffer<float> Features { get; set; }
}
