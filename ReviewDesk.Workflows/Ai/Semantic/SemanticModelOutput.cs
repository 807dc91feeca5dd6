using Microsoft.ML.Data;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>The probability vectors of the semantic pipeline's heads (two for the category; priority: the three cumulative <see cref="OrdinalPriority"/> probabilities).</summary>
internal sealed class SemanticModelOutput
{
    [ColumnName(LocalModelColumns.CategoryScore)]
    public float[] CategoryScore { get; set; } = [];

    [ColumnName(SemanticModel.CategoryEmbeddingScore)]
    public float[] CategoryEmbeddingScore { get; set; } = [];

    [ColumnName("PriorityAtLeastP1")]
    public float PriorityAtLeastP1 { get; set; }

    [ColumnName("PriorityAtLeastP2")]
    public float PriorityAtLeastP2 { get; set; }

    [ColumnName("PriorityAtLeastP3")]
    public float PriorityAtLeastP3 { get; set; }

    [ColumnName(LocalModelColumns.SentimentScore)]
    public float[] SentimentScore { get; set; } = [];
}
