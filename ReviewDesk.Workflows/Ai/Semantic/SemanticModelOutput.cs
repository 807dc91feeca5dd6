using Microsoft.ML.Data;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>The probability vectors of the semantic pipeline's heads (two for the category).</summary>
internal sealed class SemanticModelOutput
{
    [ColumnName(LocalModelColumns.CategoryScore)]
    public float[] CategoryScore { get; set; } = [];

    [ColumnName(SemanticModel.CategoryEmbeddingScore)]
    public float[] CategoryEmbeddingScore { get; set; } = [];

    [ColumnName(LocalModelColumns.PriorityScore)]
    public float[] PriorityScore { get; set; } = [];

    [ColumnName(LocalModelColumns.SentimentScore)]
    public float[] SentimentScore { get; set; } = [];
}
