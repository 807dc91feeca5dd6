namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>Column names of the local model's pipeline.</summary>
internal static class LocalModelColumns
{
    public const string Text = "Text";
    public const string Urgency = "Urgency";
    public const string Features = "Features";
    public const string PriorityFeatures = "PriorityFeatures";
    public const string Label = "Label";
    public const string Score = "Score";
    public const string CategoryScore = "CategoryScore";
    public const string PriorityScore = "PriorityScore";
    public const string SentimentScore = "SentimentScore";
}
