using System.Security.Cryptography;
using System.Text;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// When a human must review a ticket: low confidence, the security category, P1, high-risk PII, or
/// the audit sample. Shared by the Decide step and the offline <c>triage</c> verb.
/// </summary>
public static class ReviewRules
{
    /// <summary>The default confidence threshold.</summary>
    public const double DefaultThreshold = 0.8;

    /// <summary>The default audit sample, in percent.</summary>
    public const double DefaultAuditPercent = 5;

    /// <summary>The reasons a ticket needs review (none: it can be routed automatically).</summary>
    /// <param name="ticketId">The ticket (decides the audit sample).</param>
    /// <param name="category">The AI's category, or null when there is no classification.</param>
    /// <param name="priority">The AI's priority.</param>
    /// <param name="confidence">The AI's confidence.</param>
    /// <param name="highRiskPii">Whether a high-risk PII type was found.</param>
    /// <param name="threshold">Confidence below this needs review.</param>
    /// <param name="auditPercent">Share of tickets reviewed at random, in percent.</param>
    public static IReadOnlyList<string> Reasons(string ticketId, string? category, string? priority, double? confidence, bool highRiskPii,
        double threshold = DefaultThreshold, double auditPercent = DefaultAuditPercent)
    {
        var reasons = new List<string>();
        if (category is null)
        {
            reasons.Add("no_classification");
        }
        else
        {
            if (confidence is not { } c || c < threshold) reasons.Add("low_confidence");
            if (category == "security") reasons.Add("security_category");
            if (priority == "P1") reasons.Add("p1_priority");
        }

        if (highRiskPii) reasons.Add("high_risk_pii");
        if (InAuditSample(ticketId, auditPercent)) reasons.Add("audit_sample");
        return reasons;
    }

    /// <summary>
    /// Whether <paramref name="ticketId"/> falls in an audit sample of <paramref name="percent"/> percent:
    /// a hash of the id, so a re-run decides the same way and an auditor can recompute it.
    /// </summary>
    public static bool InAuditSample(string ticketId, double percent)
    {
        if (percent <= 0) return false;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ticketId));
        var bucket = BitConverter.ToUInt32(hash, 0) % 10_000;
        return bucket < percent * 100;
    }
}
