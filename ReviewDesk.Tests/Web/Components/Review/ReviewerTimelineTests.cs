using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Components.Review;
using ReviewDesk.Workflows.Triage;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Tests.Web.Components.Review;

/// <summary>Issue 15 item 7: the reviewer's timeline says what happened in words, never worker ids, bookmark ids or JSON.</summary>
public sealed class ReviewerTimelineTests
{
    private const string Worker = "vm:17270:067310";
    private static readonly DateTimeOffset At = new(2026, 12, 3, 14, 56, 0, TimeSpan.Zero);

    private static readonly TicketView Ticket = new()
    {
        Id = "tk_1",
        Channel = "api",
        Status = TicketStatus.Routed,
        WorkflowDefinition = "support-triage",
        PiiSpans = [new PiiSpan("body", "EMAIL_ADDRESS", 0, 5, "<EMAIL_ADDRESS_1>")],
        Classification = new TicketClassification("account_access", "P2", "en", "neutral", 0.83, "why", "local", "sdca-v3", null),
        ReviewReasons = ["low_confidence"],
        Queue = "accounts",
    };

    private static TimelineEvent Event(int seq, string type, string? node = null, string? activity = null, int? attempt = null, string? actor = Worker, string? detail = null) =>
        new(seq, At.AddSeconds(seq), type, node, activity, attempt, actor, detail);

    [Fact]
    public void Bug_15_AReviewedTicket_ReadsAsSentences_WithoutEngineInternals()
    {
        IReadOnlyList<TimelineEvent> journal =
        [
            Event(1, JournalTypes.Started, actor: "api", detail: "support-triage v3"),
            Event(2, JournalTypes.ActivityScheduled, "scrub", "ScrubPii", 1),
            Event(3, JournalTypes.ActivityStarted, "scrub", "ScrubPii", 1),
            Event(4, JournalTypes.ActivityCompleted, "scrub", "ScrubPii", 1, detail: "outcome Done"),
            Event(5, JournalTypes.ActivityFailed, "classify", "Classify", 1, detail: "Timeout: the provider did not answer in 30 s"),
            Event(6, JournalTypes.RetryScheduled, "classify", "Classify", 2, detail: "attempt 2 in 1.5 s"),
            Event(7, JournalTypes.ActivityCompleted, "classify", "Classify", 2, detail: """outcome Done; {"provider":"local","model":"sdca-v3"}"""),
            Event(8, JournalTypes.ActivityCompleted, "decide", "Decide", 1, detail: "outcome Review"),
            Event(9, JournalTypes.Suspended, "review", "ReviewGate", detail: "approval bookmark bm_01abc; deadline 2026-12-04T14:56:09.0000000+00:00"),
            Event(10, JournalTypes.TimerFired, "review", "ReviewGate", detail: "bookmark bm_01abc"),
            Event(11, "Escalated", "review", "ReviewGate", 1, detail: "review deadline passed; priority P3 -> P2"),
            Event(12, JournalTypes.Resumed, "review", "ReviewGate", actor: "alice@example.com", detail: "approval bookmark bm_02def; request rq_9; payload {action=approve, category=billing, priority=P2, reviewer, requestId=rq_9}"),
            Event(13, "LabelsEdited", "review", "ReviewGate", 1, detail: "by alice@example.com: category account_access -> billing; priority P2 -> P2"),
            Event(14, JournalTypes.ActivityCompleted, "review", "ReviewGate", 1, detail: "outcome Approved"),
            Event(15, JournalTypes.ActivityCompleted, "route", "Route", 1, detail: "outcome Done"),
            Event(16, JournalTypes.Completed, "route", "Route"),
        ];

        var lines = ReviewerTimeline.Build(journal, Ticket, TimeZoneInfo.Utc);

        Assert.Equal(
        [
            "Received",
            "Personal data redacted (1 value)",
            "Classification failed: Timeout",
            "Classification will be tried again (attempt 2)",
            "Classified as Account access, P2, 83% (local model)",
            "Sent for review: low confidence",
            "Waiting for review until 4 Dec 2026, 14:56 UTC",
            "Review deadline passed: escalated, priority P3 → P2",
            "Approved by alice@example.com",
            "Labels changed by alice@example.com: category account access → billing",
            "Routed to accounts",
        ], lines.Select(l => l.Text));
        Assert.Equal(journal.Where(e => e.Seq is 1 or 4 or 5 or 6 or 7 or 8 or 9 or 11 or 12 or 13 or 15).Select(e => e.At), lines.Select(l => l.At));
        Assert.DoesNotContain(lines, l => l.Text.Contains("vm:", StringComparison.Ordinal) || l.Text.Contains("bm_", StringComparison.Ordinal) || l.Text.Contains('{'));
    }

    [Fact]
    public void TheShippedCascade_AnUnsureStepThatHandedOnSaysSo_TheLastAnswerIsTheClassification_ASkippedStepIsNotShown()
    {
        IReadOnlyList<TimelineEvent> journal =
        [
            Event(1, JournalTypes.ActivityCompleted, "classify", "Classify", 1, detail: """outcome Unsure; {"provider":"local"}"""),
            Event(2, JournalTypes.ActivityCompleted, "classify-semantic", "Classify", 1, detail: """outcome Unsure; {"provider":"semantic"}"""),
            Event(3, JournalTypes.ActivityCompleted, "classify-llm", "Classify", 1, detail: "outcome Skipped"),
        ];

        var lines = ReviewerTimeline.Build(journal, Ticket, TimeZoneInfo.Utc);

        Assert.Equal(["Classified with low confidence: asked a stronger model", "Classified as Account access, P2, 83% (local model)"], lines.Select(l => l.Text));
        Assert.Equal([journal[0].At, journal[1].At], lines.Select(l => l.At));
    }

    [Fact]
    public void Bug_15_TheDeadlineInASentence_IsInTheBrowsersZone()
    {
        var waiting = Event(1, JournalTypes.Suspended, "review", "ReviewGate", detail: "approval bookmark bm_1; deadline 2026-12-04T14:56:00.0000000+00:00");

        var line = Assert.Single(ReviewerTimeline.Build([waiting], Ticket, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));

        Assert.Equal("Waiting for review until 4 Dec 2026, 09:56 UTC-5", line.Text);
    }

    [Fact]
    public void Bug_15_OperatorActions_NameThePerson_AndAFaultSaysWhatHappens()
    {
        IReadOnlyList<TimelineEvent> journal =
        [
            Event(1, JournalTypes.Faulted, "classify", "Classify", 3, detail: "ServerError: 500"),
            Event(2, JournalTypes.Retried, "classify", "Classify", actor: "olga@example.com"),
            Event(3, JournalTypes.Resumed, "review", "ReviewGate", actor: "bob@example.com", detail: "approval bookmark bm_3; request rq; payload {action=escalate, comment, reviewer, requestId=rq}"),
            Event(4, JournalTypes.Cancelled, actor: "olga@example.com", detail: "duplicate"),
        ];

        Assert.Equal(
        [
            "Processing stopped at classification: an operator can retry it",
            "Retried by olga@example.com",
            "Escalated by bob@example.com",
            "Cancelled by olga@example.com",
        ], ReviewerTimeline.Build(journal, Ticket, TimeZoneInfo.Utc).Select(l => l.Text));
    }
}
