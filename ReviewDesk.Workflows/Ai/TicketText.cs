namespace ReviewDesk.Workflows.Ai;

/// <summary>A ticket as a classifier sees it: subject and body after PII scrubbing (placeholders such as <c>&lt;EMAIL_ADDRESS_1&gt;</c>).</summary>
/// <param name="Subject">Redacted subject.</param>
/// <param name="Body">Redacted body.</param>
public sealed record TicketText(string Subject, string Body);
