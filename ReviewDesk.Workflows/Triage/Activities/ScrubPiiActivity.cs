using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Replaces each PII value in the ticket's subject and body with a typed, numbered placeholder and
/// stores the originals encrypted. Everything after this step reads only the redacted text.
/// </summary>
public sealed class ScrubPiiActivity(TicketStore tickets, ISecretProtector protector, PiiAnonymizer anonymizer) : IActivityType
{
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
        var ticket = await tickets.FindAsync(context.BusinessKey, context.CancellationToken)
            ?? throw new ActivityException("TicketMissing", $"ticket {context.BusinessKey} does not exist", nonRetryable: true);
        var submission = JsonSerializer.Deserialize<ProtectedSubmission>(protector.Unprotect(ticket.ProtectedSubmission), JsonSerializerOptions.Web)!;

        var result = anonymizer.Anonymize([submission.Subject, submission.Body]);
        var fields = new[] { "subject", "body" };
        var spans = new JsonArray([.. result.Redactions.Select(r => (JsonNode)new JsonObject
        {
            ["field"] = fields[r.Field], ["type"] = r.Type, ["start"] = r.Start, ["end"] = r.End, ["placeholder"] = r.Placeholder,
        })]);
        var types = result.Types.Order(StringComparer.Ordinal).ToList();
        await tickets.UpdateAsync(ticket.Id, t =>
        {
            t.Subject = result.Texts[0];
            t.Body = result.Texts[1];
            t.PiiSpans = spans.ToJsonString();
            t.PiiTypes = string.Join(',', types);
            t.ProtectedOriginals = protector.Protect(JsonSerializer.Serialize(result.Originals));
            t.Status = TicketStatus.Triaging;
        }, context.CancellationToken);

        var summary = new JsonObject
        {
            ["types"] = new JsonArray([.. types.Select(t => (JsonNode)t)]),
            ["count"] = result.Redactions.Count,
            ["highRisk"] = result.ContainsHighRisk,
        };
        context.Variables[TriageDefinitions.Variables.Pii] = summary.DeepClone();
        return ActivityResult.Done(summary);
    }
}

/// <summary>The submission as it is stored encrypted.</summary>
/// <param name="Subject">Raw subject.</param>
/// <param name="Body">Raw body.</param>
/// <param name="Customer">Customer details.</param>
public sealed record ProtectedSubmission(string Subject, string Body, CustomerInfo? Customer);
