using System.Text.Json;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Pii;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Replaces each PII value in the ticket's subject and body with a typed, numbered placeholder and
/// stores the originals encrypted. Everything after this step reads only the redacted text.
/// </summary>
public sealed class ScrubPiiActivity(TicketStore tickets, ISecretProtector protector, PiiAnonymizer anonymizer) : IActivityType
{
    private static readonly string[] Fields = ["subject", "body"];

    /// <summary>
    /// The <see cref="ActivityContext.StepItems"/> key of the redacted text (a <see cref="TicketText"/>), for a node that
    /// runs inline after this one in the same step (a local Classify): the text this step writes to the ticket row.
    /// </summary>
    public const string RedactedTextItem = "triage.redactedText";

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
        var submission = await tickets.FindSubmissionAsync(context.BusinessKey, context.CancellationToken)
            ?? throw new ActivityException("TicketMissing", $"ticket {context.BusinessKey} does not exist", nonRetryable: true);
        var original = JsonSerializer.Deserialize<ProtectedSubmission>(protector.Unprotect(submission), JsonSerializerOptions.Web)!;

        var result = anonymizer.Anonymize([original.Subject, original.Body]);
        List<PiiSpan> spans = [.. result.Redactions.Select(r => new PiiSpan(Fields[r.Field], r.Type, r.Start, r.End, r.Placeholder))];
        List<string> types = [.. result.Types.Order(StringComparer.Ordinal)];
        var originals = protector.Protect(JsonSerializer.Serialize(result.Originals));
        context.Enlist(tx => TicketWriter.Scrubbed(tx, context.BusinessKey, result.Texts[0], result.Texts[1], spans, types, originals));
        context.StepItems[RedactedTextItem] = new TicketText(result.Texts[0], result.Texts[1]);

        var summary = new PiiSummary(types, result.Redactions.Count, result.ContainsHighRisk);
        context.Set(TriageDefinitions.Variables.Pii, summary);
        return ActivityResult.Done(summary);
    }
}

/// <summary>The submission as it is stored encrypted.</summary>
/// <param name="Subject">Raw subject.</param>
/// <param name="Body">Raw body.</param>
/// <param name="Customer">Customer details.</param>
public sealed record ProtectedSubmission(string Subject, string Body, CustomerInfo? Customer);
