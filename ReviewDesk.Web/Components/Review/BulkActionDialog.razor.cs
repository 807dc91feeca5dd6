using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>
/// Confirms a bulk action on the queue's selected tickets: says how many and what happens, asks an admin whom to assign
/// them to and whether to take over others' claims. Returns a <see cref="BulkActionChoice"/>, or cancels.
/// </summary>
public sealed partial class BulkActionDialog
{
    [CascadingParameter]
    public required IMudDialogInstance MudDialog { get; set; }

    /// <summary><c>approve</c>, <c>assign</c> or <c>escalate</c>.</summary>
    [Parameter]
    public string Action { get; set; } = BulkReviewRequest.Approve;

    /// <summary>How many tickets are selected.</summary>
    [Parameter]
    public int Count { get; set; }

    /// <summary>The signed-in reviewer.</summary>
    [Parameter]
    public string Reviewer { get; set; } = "";

    /// <summary>Who the tickets may be assigned to (the reviewer alone unless an admin).</summary>
    [Parameter]
    public IReadOnlyList<string> Assignees { get; set; } = [];

    /// <summary>Whether the user may take over other reviewers' claims (an admin).</summary>
    [Parameter]
    public bool MayTakeOver { get; set; }

    private string? Assignee { get; set; }

    private bool TakeOver { get; set; }

    private string Tickets => Count == 1 ? "1 ticket" : $"{Count} tickets";

    private string Summary => Action switch
    {
        BulkReviewRequest.Approve => $"Approve {Tickets} as the AI suggested?",
        BulkReviewRequest.Assign => $"Assign {Tickets}?",
        _ => $"Escalate {Tickets}?",
    };

    private string Explanation => Action switch
    {
        BulkReviewRequest.Approve => "Each is approved with the AI's category and priority and routed, one decision per ticket in your name.",
        BulkReviewRequest.Assign => "Each is claimed for the reviewer you choose, as their own claim would be.",
        _ => "Each one's priority rises one step and it returns to the queue unclaimed, as a single escalation does.",
    };

    private string ConfirmText => Action switch
    {
        BulkReviewRequest.Approve => $"Approve {Count}",
        BulkReviewRequest.Assign => $"Assign {Count}",
        _ => $"Escalate {Count}",
    };

    private Color ConfirmColor => Action == BulkReviewRequest.Escalate ? Color.Warning : Color.Primary;

    protected override void OnParametersSet() => Assignee ??= Reviewer;

    private void Confirm() => MudDialog.Close(DialogResult.Ok(new BulkActionChoice(Assignee ?? Reviewer, MayTakeOver && TakeOver)));

    private void Cancel() => MudDialog.Cancel();

    /// <summary>Shows the dialog; null when cancelled.</summary>
    public static async Task<BulkActionChoice?> AskAsync(
        IDialogService dialogs, string action, int count, string reviewer, IReadOnlyList<string> assignees, bool mayTakeOver)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<BulkActionDialog>
        {
            { d => d.Action, action },
            { d => d.Count, count },
            { d => d.Reviewer, reviewer },
            { d => d.Assignees, assignees },
            { d => d.MayTakeOver, mayTakeOver },
        };
        var dialog = await dialogs.ShowAsync<BulkActionDialog>(Title(action), parameters, Options);
        return await dialog.Result is { Canceled: false, Data: BulkActionChoice choice } ? choice : null;
    }

    /// <summary>The action as the queue's buttons and summaries name it.</summary>
    public static string Title(string action) => action switch
    {
        BulkReviewRequest.Approve => "Approve as suggested",
        BulkReviewRequest.Assign => "Assign",
        _ => "Escalate",
    };

    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
}
