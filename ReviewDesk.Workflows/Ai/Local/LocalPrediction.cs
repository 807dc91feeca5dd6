namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>The local model's answer for one ticket.</summary>
/// <param name="Category">The most probable category.</param>
/// <param name="Confidence">Its temperature-scaled probability.</param>
/// <param name="RawConfidence">Its probability before temperature scaling.</param>
/// <param name="Priority">The most probable priority.</param>
/// <param name="Sentiment">The most probable sentiment.</param>
/// <param name="CueWords">The ticket's words (or word pairs) that pushed hardest towards the category, strongest first.</param>
internal sealed record LocalPrediction(
    string Category, double Confidence, double RawConfidence, string Priority, string Sentiment, IReadOnlyList<string> CueWords);
