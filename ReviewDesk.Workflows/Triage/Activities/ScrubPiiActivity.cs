using System.Text.Json;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Pii;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Replaces each PII value in the ticket's subject and body with a typed, numbered placeholder and
/// stores the originals encrypted. Everything after this step reads only the redacted text.
/// <para>
/// It is eager (<see cref="IEagerStartActivity"/>): a computation with its one write enlisted, so a new ticket's
/// submission runs it before it commits and writes the ticket scrubbed (and, with the local model, classified and
/// routed: the nodes that run inline after it) in its own commit. The submission hands it the text it holds under
/// <see cref="SubmissionItem"/>; on the worker it reads the stored, encrypted submission.
/// </para>
/// </summary>
public sealed class ScrubPiiActivity(TicketStore tickets, ISecretProtector protector, PiiAnonymizer anonymizer) : IActivityType, IEagerStartActivity
{
    private static readonly string[] Fields = ["subject", "body"];

    /// <summary>
    /// The <see cref="ActivityContext.StepItems"/> key of the redacted text (a <see cref="TicketText"/>), for a node that
    /// runs inline after this one in the same step (a local Classify): the text this step writes to the ticket row.
    /// </summary>
    public const string RedactedTextItem = "triage.redactedText";

    /// <summary>
    /// The <see cref="ActivityContext.StepItems"/> key of the ticket's submission (a <see cref="ProtectedSubmission"/>,
    /// in the clear) when the submission runs this step before the ticket row is written. It never leaves memory.
    /// </summary>
    public const string SubmissionItem = "triage.submission";

    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "ScrubPii",
        DisplayName = "Scrub PII",
        Description = "Replaces personal data with typed placeholders (<EMAIL_ADDRESS_1>) and keeps the originals encrypted.",
        Category = "Triage",
    };

    /// <inheritdoc />
    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProtectedSubmission original;
        if (context.StepItems.TryGetValue(SubmissionItem, out var item) && item is ProtectedSubmission held)
        {
            // Taken, so the submission knows the text was used here and need not store it (TicketService.SubmitAsync).
            context.StepItems.Remove(SubmissionItem);
            original = held;
        }
        else
        {
            var stored = await tickets.FindSubmissionAsync(context.BusinessKey, context.CancellationToken)
                ?? throw new ActivityException("TicketMissing", $"ticket {context.BusinessKey} does not exist", nonRetryable: true);
            if (stored.Protected is null) return AlreadyScrubbed(context, stored);
            original = JsonSerializer.Deserialize<ProtectedSubmission>(protector.Unprotect(stored.Protected), JsonSerializerOptions.Web)!;
        }

        var result = anonymizer.Anonymize([original.Subject, original.Body]);
        List<PiiSpan> spans = [.. result.Redactions.Select(r => new PiiSpan(Fields[r.Field], r.Type, r.Start, r.End, r.Placeholder))];
        List<string> types = [.. result.Types.Order(StringComparer.Ordinal)];
        // Nothing to keep for a ticket without PII: no encrypted empty map.
        var originals = result.Originals.Count == 0 ? null : protector.Protect(JsonSerializer.Serialize(result.Originals));
        context.Enlist(tx => TicketWriter.Scrubbed(tx, context.BusinessKey, result.Texts[0], result.Texts[1], spans, types, originals));
        context.StepItems[RedactedTextItem] = new TicketText(result.Texts[0], result.Texts[1]);

        var summary = new PiiSummary(types, result.Redactions.Count, result.ContainsHighRisk);
        context.Set(TriageDefinitions.Variables.Pii, summary);
        return ActivityResult.Done(summary);
    }

    /// <summary>
    /// A ticket scrubbed before (a variant with a second scrub node): its submission is gone, so the first scrub's
    /// result stands, read back from the row, and nothing is written.
    /// </summary>
    private static ActivityResult AlreadyScrubbed(ActivityContext context, StoredSubmission stored)
    {
        var types = stored.PiiTypes is { Length: > 0 } list ? list.Split(',') : [];
        var count = stored.PiiSpans is { } json ? JsonSerializer.Deserialize<List<PiiSpan>>(json, WorkflowVariable.Json)!.Count : 0;
        context.StepItems[RedactedTextItem] = new TicketText(stored.Subject ?? "", stored.Body ?? "");
        var summary = new PiiSummary(types, count, types.Any(PiiTypes.IsHighRisk));
        context.Set(TriageDefinitions.Variables.Pii, summary);
        return ActivityResult.Done(summary);
    }
}

/// <summary>The submission as it is stored encrypted.</summary>
/// <param name="Subject">Raw subject.</param>
/// <param name="Body">Raw body.</param>
/// <param name="Customer">Customer details.</param>
public sealed record ProtectedSubmission(string Subject, string Body, CustomerInfo? Customer);
