using System.Globalization;
using System.Text.RegularExpressions;
using MudBlazor;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Notifications;
using ReviewDesk.Workflows.Triage;
using ReviewDesk.Workflows.Triage.Activities;

namespace ReviewDesk.Web.Components.Review;

/// <summary>
/// The ticket's workflow journal told as a reviewer reads it: sentences built from the journal entry types
/// and the ticket's own labels, never the entries' raw details (worker ids, bookmark ids, metrics JSON).
/// Entries a reviewer has no use for (scheduling, attempt starts, timers, incidents) are left out; the
/// operator's instance timeline keeps the full journal.
/// </summary>
public static partial class ReviewerTimeline
{
    /// <summary>
    /// The reviewer's lines for <paramref name="events"/> (oldest first) of <paramref name="ticket"/>; dates
    /// inside sentences (the review deadline) are written in <paramref name="zone"/>.
    /// </summary>
    public static IReadOnlyList<ReviewerTimelineEntry> Build(IReadOnlyList<TimelineEvent> events, TicketView ticket, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(zone);
        List<ReviewerTimelineEntry> lines = [];
        // A cascade classifies in several steps: the last one that answered gave the ticket's classification; an earlier one
        // was unsure and handed it on; a skipped one asked no model.
        var lastAnswer = events.LastOrDefault(e => IsClassified(e) && Outcome(e.Detail) != ClassifyActivity.Skipped)?.Seq;
        foreach (var e in events)
        {
            if (IsClassified(e) && e.Seq != lastAnswer)
            {
                if (Outcome(e.Detail) == ClassifyActivity.Unsure) lines.Add(new ReviewerTimelineEntry(e.At, "Classified with low confidence: asked a stronger model", Color.Default));
                continue;
            }

            if (Describe(e, ticket, zone) is ({ } text, var color)) lines.Add(new ReviewerTimelineEntry(e.At, text, color));
        }

        return lines;
    }

    private static (string? Text, Color Color) Describe(TimelineEvent e, TicketView ticket, TimeZoneInfo zone) => e.Type switch
    {
        JournalTypes.Started => ("Received", Color.Default),
        JournalTypes.ActivityCompleted => (Completed(e, ticket), e.Activity == "Route" ? Color.Success : Color.Default),
        JournalTypes.ActivityFailed => ($"{StepName(e)} failed{AttemptSuffix(e)}: {ErrorKind(e.Detail)}", Color.Error),
        JournalTypes.RetryScheduled => ($"{StepName(e)} will be tried again{AttemptSuffix(e)}", Color.Default),
        JournalTypes.Suspended when e.Activity == "ReviewGate" => (Waiting(e, zone), Color.Info),
        JournalTypes.Resumed when e.Activity == "ReviewGate" => Decided(e),
        JournalTypes.Faulted => ($"Processing stopped at {StepName(e).ToLowerInvariant()}: an operator can retry it", Color.Error),
        JournalTypes.Retried => ($"Retried{By(e.Actor)}", Color.Default),
        JournalTypes.Cancelled => ($"Cancelled{By(e.Actor)}", Color.Error),
        "Escalated" => (Escalated(e.Detail), Color.Warning),
        "LabelsEdited" => (LabelsEdited(e.Detail), Color.Warning),
        "ProviderFallback" => ("The configured AI provider is not set up: the local model classified it", Color.Warning),
        NotifyActivity.SentJournalType => (e.Detail?.StartsWith("email", StringComparison.Ordinal) == true ? "E-mail notification sent" : "Webhook notification sent", Color.Default),
        _ => (null, Color.Default),
    };

    private static string? Completed(TimelineEvent e, TicketView ticket) => e.Activity switch
    {
        "ScrubPii" => ticket.PiiSpans.Count switch
        {
            0 => "Checked for personal data: none found",
            1 => "Personal data redacted (1 value)",
            var n => $"Personal data redacted ({n} values)",
        },
        "Classify" when ticket.Classification is { } c =>
            $"Classified as {Capitalized(ReviewText.Category(c.Category))}, {c.Priority}, {ReviewText.Percent(c.Confidence)} ({Provider(c.Provider, c.Model)})",
        "Classify" => "Classified",
        "Decide" when Outcome(e.Detail) == "Route" => "No review needed",
        "Decide" => ticket.ReviewReasons.Count == 0
            ? "Sent for review"
            : $"Sent for review: {string.Join(", ", ticket.ReviewReasons.Select(r => ReviewText.Reason(r).ToLowerInvariant()))}",
        "Route" => ticket.Queue is { } queue ? $"Routed to {queue}" : "Routed",
        // The review gate's completion follows the decision line (Resumed), which already says it.
        "ReviewGate" or "Notify" => null,
        _ => $"{StepName(e)} done",
    };

    private static string Waiting(TimelineEvent e, TimeZoneInfo zone) =>
        e.Detail is { } detail && DeadlinePattern().Match(detail) is { Success: true } m
            && DateTimeOffset.TryParse(m.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var deadline)
            ? $"Waiting for review until {Shared.ReviewerDates.Format(deadline, zone)}"
            : "Waiting for review";

    private static (string?, Color) Decided(TimelineEvent e)
    {
        var action = e.Detail is { } detail && ActionPattern().Match(detail) is { Success: true } m ? m.Groups["action"].Value : null;
        return action switch
        {
            ReviewDecision.Approve => ($"Approved{By(e.Actor)}", Color.Success),
            ReviewDecision.Reject => ($"Rejected{By(e.Actor)}", Color.Error),
            ReviewDecision.Escalate => ($"Escalated{By(e.Actor)}", Color.Warning),
            _ => ($"Decided{By(e.Actor)}", Color.Default),
        };
    }

    private static string Escalated(string? detail)
    {
        var raised = detail is not null && PriorityPattern().Match(detail) is { Success: true } m
            ? $"priority {m.Groups["from"].Value} → {m.Groups["to"].Value}"
            : null;
        var why = detail?.StartsWith("review deadline passed", StringComparison.Ordinal) == true ? "Review deadline passed: escalated" : "Escalated";
        return raised is null ? why : $"{why}, {raised}";
    }

    private static string LabelsEdited(string? detail)
    {
        if (detail is null || EditPattern().Match(detail) is not { Success: true } m) return "Labels changed";
        List<string> changes = [];
        if (m.Groups["c0"].Value != m.Groups["c1"].Value)
        {
            changes.Add($"category {ReviewText.Category(m.Groups["c0"].Value)} → {ReviewText.Category(m.Groups["c1"].Value)}");
        }

        if (m.Groups["p0"].Value != m.Groups["p1"].Value) changes.Add($"priority {m.Groups["p0"].Value} → {m.Groups["p1"].Value}");
        return $"Labels changed by {m.Groups["who"].Value}: {string.Join(", ", changes)}";
    }

    private static string StepName(TimelineEvent e) => e.Activity switch
    {
        "ScrubPii" => "PII scrubbing",
        "Classify" => "Classification",
        "Decide" => "The review check",
        "ReviewGate" => "Review",
        "Route" => "Routing",
        "Notify" => "Notification",
        _ => e.Node is { } node ? $"Step {node}" : "A step",
    };

    private static string AttemptSuffix(TimelineEvent e) => e.Attempt is > 1 and var n ? $" (attempt {n})" : "";

    private static string By(string? actor) => string.IsNullOrWhiteSpace(actor) ? "" : $" by {actor}";

    private static bool IsClassified(TimelineEvent e) => e.Type == JournalTypes.ActivityCompleted && e.Activity == "Classify";

    private static string Provider(string provider, string model) =>
        provider == ReviewDesk.Workflows.Triage.Activities.ClassifyActivity.LocalProvider ? "local model" : $"{provider}, {model}";

    /// <summary>"InvalidOutput: the model's answer..." is "InvalidOutput": the kind, not the message (which may quote internals).</summary>
    private static string ErrorKind(string? detail) =>
        detail is null ? "unknown error" : detail.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? detail[..colon] : detail;

    private static string? Outcome(string? detail) => detail is not null && OutcomePattern().Match(detail) is { Success: true } m ? m.Groups["outcome"].Value : null;

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"deadline (?<at>\S+)$")]
    private static partial Regex DeadlinePattern();

    [GeneratedRegex(@"\baction=(?<action>\w+)")]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"priority (?<from>P\d) -> (?<to>P\d)")]
    private static partial Regex PriorityPattern();

    [GeneratedRegex(@"^by (?<who>.+?): category (?<c0>\S+) -> (?<c1>\S+); priority (?<p0>\S+) -> (?<p1>\S+)$")]
    private static partial Regex EditPattern();

    [GeneratedRegex(@"^outcome (?<outcome>\w+)")]
    private static partial Regex OutcomePattern();
}
