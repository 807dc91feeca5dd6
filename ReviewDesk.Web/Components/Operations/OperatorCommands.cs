using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Components.Review;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>
/// Retry and Cancel as the operator pages give them: on behalf of the signed-in person, Cancel only after a
/// confirmation with a reason, and a message that tells what the instance did (a retry that faulted again says so).
/// </summary>
internal static class OperatorCommands
{
    /// <summary>The signed-in person, who the journal and the audit trail record.</summary>
    public static async Task<string> ActorAsync(Task<AuthenticationState>? state) =>
        await ReviewerIdentity.NameAsync(state) ?? throw new InvalidOperationException("an operator command needs a signed-in person");

    /// <summary>Asks to confirm cancelling <paramref name="instanceId"/> and why; null when the operator thinks better of it.</summary>
    public static async Task<string?> AskCancelReasonAsync(IDialogService dialogs, string instanceId) =>
        (await CommentDialog.AskAsync(dialogs, "Cancel instance",
            $"Cancel {instanceId}? It stops for good, and its ticket leaves the review queue. This cannot be undone.",
            "Cancel instance", Color.Error, required: true, label: "Reason")).Text;

    /// <summary>What a retry came to, from the instance's status after it: running again, or faulted again.</summary>
    public static (string Text, Severity Severity) AfterRetry(string subject, WorkflowStatus? status, string? error) =>
        status == WorkflowStatus.Faulted
            ? ($"{subject} was retried and faulted again: {error}", Severity.Warning)
            : ($"{subject} was retried and runs again from the node that failed.", Severity.Info);
}
