namespace ReviewDesk.Web.Components.Review;

/// <summary>What <see cref="EditLabelsDialog"/> returns.</summary>
public sealed record EditedLabels(string? Category, string? Priority, string? Comment);
