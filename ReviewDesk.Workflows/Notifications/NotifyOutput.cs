namespace ReviewDesk.Workflows.Notifications;

/// <summary>What a Notify step did (its output, readable by later nodes and the operator's timeline).</summary>
/// <param name="Template">The template sent.</param>
/// <param name="Sent">Messages sent (e-mails and webhook events), in this attempt or earlier ones.</param>
/// <param name="Digest">Notifications held for reviewers' digests.</param>
/// <param name="Skipped">Recipients skipped by their preferences.</param>
/// <param name="Note">Why nothing was sent, when nothing was.</param>
public sealed record NotifyOutput(string Template, int Sent, int Digest, int Skipped, string? Note = null);
