namespace ReviewDesk.Workflows.Triage.Contracts;

/// <summary>Where a placeholder stands in the redacted text (never the value it replaced).</summary>
/// <param name="Field"><c>subject</c> or <c>body</c>.</param>
/// <param name="Type">The PII type, e.g. <c>EMAIL_ADDRESS</c>.</param>
/// <param name="Start">Start offset of the placeholder in the redacted field (UTF-16).</param>
/// <param name="End">End offset, exclusive.</param>
/// <param name="Placeholder">The placeholder, e.g. <c>&lt;EMAIL_ADDRESS_1&gt;</c>.</param>
public sealed record PiiSpan(string Field, string Type, int Start, int End, string Placeholder);
