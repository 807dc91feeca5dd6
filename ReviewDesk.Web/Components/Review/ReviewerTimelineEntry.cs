namespace ReviewDesk.Web.Components.Review;

/// <summary>One line of the reviewer's timeline: when, a sentence, and how it stands out.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Text">What happened, in words ("Approved by alice@example.com").</param>
/// <param name="Color">Error for failures, warning for escalations and edits, success for decisions and routing.</param>
public sealed record ReviewerTimelineEntry(DateTimeOffset At, string Text, MudBlazor.Color Color);
