using Microsoft.ML.Data;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>What one pass of the pipeline gives: a probability vector per head and the text features.</summary>
internal sealed class LocalModelOutput
{
    [ColumnName(LocalModelColumns.CategoryScore)]
    public float[] CategoryScore { get; set; } = [];

    [ColumnName(LocalModelColumns.PriorityScore)]
    public float[] PriorityScore { get; set; } = [];

    [ColumnName(LocalModelColumns.SentimentScore)]
    public float[] SentimentScore { get; set; } = [];

    /// <summary>The featurized text (sparse), for naming the words behind the category.</summary>
    [ColumnName(LocalModelColumns.Features)]
    public VBuffer<float> Features { get; set; }
}
