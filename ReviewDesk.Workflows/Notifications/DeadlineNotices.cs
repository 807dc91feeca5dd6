using System.Text.Json.Nodes;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// When a review deadline passes, the gate escalates and keeps waiting; its <c>onDeadline</c> setting names a workflow
/// (a Notify step, designable like any other, shipped as <c>review-deadline-notice</c>) that this starts in the
/// escalation's own transaction: the notice is durable exactly when the escalation is, and retried by its own policy.
/// </summary>
public static class DeadlineNotices
{
    /// <summary>The review gate's setting naming the workflow started at each deadline.</summary>
    public const string Setting = "onDeadline";

    /// <summary>The shipped notice workflow.</summary>
    public const string DefaultDefinitionId = "review-deadline-notice";

    /// <summary>The review gate's setting entry.</summary>
    public static ActivitySetting SettingEntry { get; } = new()
    {
        Name = Setting,
        Label = "Workflow at the deadline",
        Kind = SettingKind.Text,
        Default = "",
        Description = "Started when the deadline passes, e.g. review-deadline-notice (a Notify step); empty: none.",
    };

    /// <summary>
    /// Enlists, in a deadline step of the gate, the start of the workflow its settings name (business key
    /// <c>{ticket}:deadline:{deadline}</c>, so a step that runs again starts nothing twice). A workflow without a
    /// published version starts nothing: the escalation never fails for a notice.
    /// </summary>
    public static void Enlist(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetString(Setting) is not { Length: > 0 } definitionId || context.Bookmark is not { } bookmark) return;
        var request = new StartWorkflowRequest
        {
            DefinitionId = definitionId.Trim(),
            BusinessKey = $"{context.BusinessKey}:deadline:{bookmark.Deadline.ToUnixTimeMilliseconds()}",
            Input = new JsonObject { ["ticketId"] = context.BusinessKey, ["deadline"] = bookmark.Deadline },
            Actor = "system",
        };
        context.Enlist(tx =>
        {
            try
            {
                tx.StartWorkflow(request);
            }
            catch (WorkflowRequestException)
            {
                // No published version of the notice workflow (retracted, or never installed): no notice.
            }
        });
    }
}
