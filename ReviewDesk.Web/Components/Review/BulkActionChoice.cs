namespace ReviewDesk.Web.Components.Review;

/// <summary>What the confirmation chose: whom to assign to (assign only), and whether to take over others' claims.</summary>
/// <param name="Assignee">The assignee.</param>
/// <param name="TakeOver">Whether to act on tickets other reviewers hold.</param>
public sealed record BulkActionChoice(string Assignee, bool TakeOver);
