using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewDesk.Engine.Activities;

/// <summary>
/// What an activity returns: either an outcome (the flow moves on through the connection of that
/// outcome) or a suspension on a bookmark (the instance waits for a resume or the deadline).
/// Failures are exceptions: see <see cref="ActivityException"/>.
/// </summary>
public sealed record ActivityResult
{
    private ActivityResult() { }

    /// <summary>The outcome name when the activity finished, null when it suspends.</summary>
    public string? OutcomeName { get; private init; }

    /// <summary>The activity's output, stored with its checkpoint and readable by later nodes.</summary>
    public JsonNode? Output { get; private init; }

    /// <summary>The bookmark to suspend on, when the activity waits.</summary>
    public BookmarkRequest? Bookmark { get; private init; }

    /// <summary>Ends the node with the <c>Done</c> outcome.</summary>
    public static ActivityResult Done(JsonNode? output = null) => Outcome(Outcomes.Done, output);

    /// <summary>Ends the node with the named outcome.</summary>
    public static ActivityResult Outcome(string outcome, JsonNode? output = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        return new ActivityResult { OutcomeName = outcome, Output = output };
    }

    /// <summary>Ends the node with the named outcome and a typed output (stored as JSON, see <see cref="WorkflowVariable.Json"/>).</summary>
    public static ActivityResult Outcome<TOutput>(string outcome, TOutput output) =>
        Outcome(outcome, JsonSerializer.SerializeToNode(output, WorkflowVariable.Json));

    /// <summary>Ends the node with the <c>Done</c> outcome and a typed output.</summary>
    public static ActivityResult Done<TOutput>(TOutput output) => Outcome(Outcomes.Done, output);

    /// <summary>Suspends the instance on a bookmark.</summary>
    public static ActivityResult Suspend(BookmarkRequest bookmark, JsonNode? output = null)
    {
        ArgumentNullException.ThrowIfNull(bookmark);
        return new ActivityResult { Bookmark = bookmark, Output = output };
    }
}

/// <summary>A bookmark an activity asks for when it suspends.</summary>
/// <param name="Kind">What the bookmark waits for, e.g. <c>approval</c>; resumes address it by kind.</param>
/// <param name="Payload">Data for whoever resumes it (shown to reviewers, for example).</param>
/// <param name="Deadline">When the deadline passes, the activity's <see cref="IActivity.OnDeadlineAsync"/> runs.</param>
public sealed record BookmarkRequest(string Kind, JsonNode? Payload = null, DateTimeOffset? Deadline = null);
