namespace ReviewDesk.Workflows.Triage.Contracts;

/// <summary>What the scrubber found: the PII types (never values), how many spans, and whether any is high-risk.</summary>
/// <param name="Types">The PII types found, ordered.</param>
/// <param name="Count">How many spans were replaced.</param>
/// <param name="HighRisk">Whether a high-risk type (card number, IBAN, SSN) was found.</param>
public sealed record PiiSummary(IReadOnlyList<string> Types, int Count, bool HighRisk);
