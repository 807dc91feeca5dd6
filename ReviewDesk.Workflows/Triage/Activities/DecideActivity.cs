using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ReviewDesk.Workflows.Activities;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Decides whether a human reviews the ticket: low confidence, the security category, P1, high-risk
/// PII, or the audit sample. The sample is a hash of the ticket id, so a re-run decides the same way
/// and an auditor can recompute it.
/// </summary>
public sealed class DecideActivity(TicketStore tickets) : IActivityType
{
    /// <summary>Outcome when a reviewer must look.</summary>
    public const string Review = "Review";
    /// <summary>Outcome when the ticket is routed automatically.</summary>
    public const string Route = "Route";

    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Decide",
        DisplayName = "Decide",
        Description = "Sends the ticket to review on low confidence, security, P1, high-risk PII or an audit sample; otherwise routes it.",
        Category = "Triage",
        Outcomes = [Review, Route],
        Settings =
        [
            new() { Name = "threshold", Label = "Confidence threshold", Kind = SettingKind.Number, Default = 0.8, Minimum = 0, Maximum = 1 },
            new() { Name = "auditPercent", Label = "Audit sample (%)", Kind = SettingKind.Number, Default = 5, Minimum = 0, Maximum = 100 },
            new() { Name = "alwaysReview", Label = "Always review", Kind = SettingKind.Boolean, Default = false },
        ],
    };

    /// <inheritdoc />
    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var threshold = context.Settings["threshold"]?.GetValue<double>() ?? 0.8;
        var auditPercent = context.Settings["auditPercent"]?.GetValue<double>() ?? 5;
        var classification = context.Variables[TriageDefinitions.Variables.Classification] as JsonObject;
        var pii = context.Variables[TriageDefinitions.Variables.Pii] as JsonObject;

        var reasons = new List<string>();
        if (context.Settings["alwaysReview"]?.GetValue<bool>() == true) reasons.Add("variant_requires_review");
        if (classification is null)
        {
            reasons.Add("no_classification");
        }
        else
        {
            if (classification["confidence"]?.GetValue<double>() is not { } confidence || confidence < threshold) reasons.Add("low_confidence");
            if (classification["category"]?.GetValue<string>() == "security") reasons.Add("security_category");
            if (classification["priority"]?.GetValue<string>() == "P1") reasons.Add("p1_priority");
        }

        if (pii?["highRisk"]?.GetValue<bool>() == true) reasons.Add("high_risk_pii");
        if (InAuditSample(context.BusinessKey, auditPercent)) reasons.Add("audit_sample");

        var review = new JsonObject
        {
            ["required"] = reasons.Count > 0,
            ["reasons"] = new JsonArray([.. reasons.Select(r => (JsonNode)r)]),
        };
        context.Variables[TriageDefinitions.Variables.Review] = review.DeepClone();
        context.Variables[TriageDefinitions.Variables.FinalCategory] = classification?["category"]?.DeepClone();
        context.Variables[TriageDefinitions.Variables.FinalPriority] = classification?["priority"]?.DeepClone();
        await tickets.UpdateAsync(context.BusinessKey, t =>
        {
            t.ReviewRequired = reasons.Count > 0;
            t.ReviewReasons = review["reasons"]!.ToJsonString();
        }, context.CancellationToken);
        return ActivityResult.Outcome(reasons.Count > 0 ? Review : Route, review);
    }

    /// <summary>Whether <paramref name="ticketId"/> falls in an audit sample of <paramref name="percent"/> percent.</summary>
    public static bool InAuditSample(string ticketId, double percent)
    {
        if (percent <= 0) return false;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ticketId));
        var bucket = BitConverter.ToUInt32(hash, 0) % 10_000;
        return bucket < percent * 100;
    }
}
