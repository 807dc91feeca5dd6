using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ReviewDesk.Web.Components.Review;

/// <summary>Asks for the comment that goes with a rejection (required) or an escalation (optional), or an operator's reason to cancel; returns the text or null.</summary>
public sealed partial class CommentDialog
{
    [CascadingParameter]
    public required IMudDialogInstance MudDialog { get; set; }

    [Parameter]
    public string Prompt { get; set; } = "";

    [Parameter]
    public bool Required { get; set; }

    /// <summary>What the text is: a comment, or a reason.</summary>
    [Parameter]
    public string Label { get; set; } = "Comment";

    [Parameter]
    public string ConfirmText { get; set; } = "OK";

    [Parameter]
    public Color ConfirmColor { get; set; } = Color.Primary;

    private string? Comment { get; set; }

    private string? Error { get; set; }

    private void Confirm()
    {
        if (Required && string.IsNullOrWhiteSpace(Comment))
        {
            Error = $"A {Label.ToLowerInvariant()} is required.";
            return;
        }

        MudDialog.Close(DialogResult.Ok(string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim()));
    }

    private void Cancel() => MudDialog.Cancel();
}
