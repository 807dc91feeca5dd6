namespace ReviewDesk.Web.Operations;

/// <summary>The problem instances the board lists, and how many there are in all.</summary>
public sealed record ProblemList(IReadOnlyList<ProblemInstance> Items, int Total);
