using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Decides whether a human reviews the ticket by the <see cref="ReviewRules"/> (with this node's
/// threshold and audit sample), records the reasons, and routes or sends to review. A decision over
/// the variables and settings alone, so it runs inline: it commits with the step before it.
/// </summary>
public sealed class DecideActivity : IActivityType, IInlineActivity
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
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(Decide(context));

    /// <inheritdoc />
    public ActivityResult? TryRunInline(ActivityContext context) => Decide(context);

    private static ActivityResult Decide(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var threshold = context.Settings["threshold"]?.GetValue<double>() ?? ReviewRules.DefaultThreshold;
        var auditPercent = context.Settings["auditPercent"]?.GetValue<double>() ?? ReviewRules.DefaultAuditPercent;
        var classification = context.Get(TriageDefinitions.Variables.Classification);
        var pii = context.Get(TriageDefinitions.Variables.Pii);

        var reasons = new List<string>();
        if (context.Settings["alwaysReview"]?.GetValue<bool>() == true) reasons.Add("variant_requires_review");
        reasons.AddRange(ReviewRules.Reasons(context.BusinessKey, classification?.Category, classification?.Priority, classification?.Confidence,
            pii?.HighRisk == true, threshold, auditPercent));

        var review = new ReviewRequirement(reasons.Count > 0, reasons);
        context.Set(TriageDefinitions.Variables.Review, review);
        if (classification is not null)
        {
            context.Set(TriageDefinitions.Variables.FinalCategory, classification.Category);
            context.Set(TriageDefinitions.Variables.FinalPriority, classification.Priority);
        }

        context.Enlist(tx => TicketWriter.ReviewRequirementDecided(tx, context.BusinessKey, review));
        return ActivityResult.Outcome(review.Required ? Review : Route, review);
    }
}
