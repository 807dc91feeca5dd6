namespace ReviewDesk.Workflows.Pii;

/// <summary>One replaced entity: where it was in the original field and what replaced it.</summary>
/// <param name="Field">Index of the field (in the list given to the anonymizer) the entity was in.</param>
/// <param name="Type">The Presidio entity type.</param>
/// <param name="Start">UTF-16 offset of the entity in the ORIGINAL field text.</param>
/// <param name="End">UTF-16 offset just past the entity in the ORIGINAL field text (exclusive).</param>
/// <param name="Placeholder">The placeholder that replaced it, such as <c>&lt;EMAIL_ADDRESS_1&gt;</c>.</param>
public sealed record PiiRedaction(int Field, string Type, int Start, int End, string Placeholder);
