namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>How often a shadow classifier agreed with the reviewers on the tickets they decided.</summary>
/// <param name="Shadow"><c>version:v3</c> or <c>provider:name</c>.</param>
/// <param name="Tickets">Reviewed tickets it classified.</param>
/// <param name="CategoryAgreement">The share where its category was the reviewer's.</param>
/// <param name="PriorityAgreement">The share where its priority was the reviewer's.</param>
public sealed record ShadowAgreement(string Shadow, int Tickets, double CategoryAgreement, double PriorityAgreement);
