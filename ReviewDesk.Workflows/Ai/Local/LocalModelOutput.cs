using Microsoft.ML.Data;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>What the heads give for one ticket: a probability vector per head.</summary>
internal sealed class LocalModelOutput
{
    [ColumnName(LocalModelColumns.CategoryScore)]
    public float[] CategoryScore { get; set; } = [];

    [ColumnName(LocalModelColumns.PriorityScore)]
    public float[] PriorityScore { get; set; } = [];

    [ColumnName(LocalModelColumns.SentimentScore)]
    public float[] SentimentScore { get; set; } = [];
}
