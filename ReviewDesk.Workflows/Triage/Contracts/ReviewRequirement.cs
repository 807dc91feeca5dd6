namespace ReviewDesk.Workflows.Triage.Contracts;

/// <summary>Whether a human must review the ticket, and why (reason codes such as <c>low_confidence</c>).</summary>
/// <param name="Required">True when at least one reason applies.</param>
/// <param name="Reasons">The reason codes, in the order the rules found them.</param>
public sealed record ReviewRequirement(bool Required, IReadOnlyList<string> Reasons);
