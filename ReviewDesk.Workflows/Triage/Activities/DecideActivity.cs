using System.Text.Json.Nodes;
using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Decides whether a human reviews the ticket by the <see cref="ReviewRules"/> (with this node's
/// threshold and audit sample), records the reasons, and routes or sends to review.
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
            new() { Name = "threshold", Label = "Confidence threshold", Kind = SettingKind.Number, Default = ReviewRules.DefaultThreshold, Minimum = 0, Maximum = 1 },
            new() { Name = "auditPercent", Label = "Audit sample (%)", Kind = SettingKind.Number, Default = ReviewRules.DefaultAuditPercent, Minimum = 0, Maximum = 100 },
            new() { Name = "alwaysReview", Label = "Always review", Kind = SettingKind.Boolean, Default = false },
        ],
    };

    /// <inheritdoc />
    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var threshold = context.Settings["threshold"]?.GetValue<double>() ?? ReviewRules.DefaultThreshold;
        var auditPercent = context.Settings["auditPercent"]?.GetValue<double>() ?? ReviewRules.DefaultAuditPercent;
        var classification = context.Variables[TriageDefinitions.Variables.Classification] as JsonObject;
        var pii = context.Variables[TriageDefinitions.Variables.Pii] as JsonObject;

        var reasons = new List<string>();
        if (context.Settings["alwaysReview"]?.GetValue<bool>() == true) reasons.Add("variant_requires_review");
        reasons.AddRange(ReviewRules.Reasons(context.BusinessKey,
            classification?["category"]?.GetValue<string>(), classification?["priority"]?.GetValue<string>(), classification?["confidence"]?.GetValue<double>(),
            pii?["highRisk"]?.GetValue<bool>() == true, threshold, auditPercent));

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
}
