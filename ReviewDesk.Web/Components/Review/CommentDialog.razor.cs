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

    /// <summary>
    /// Shows the dialog titled <paramref name="title"/>; <c>Confirmed</c> is false when it was cancelled, and <c>Text</c> is
    /// the trimmed text (null when left empty, which only an optional text may be).
    /// </summary>
    public static async Task<(bool Confirmed, string? Text)> AskAsync(
        IDialogService dialogs, string title, string prompt, string confirmText, Color confirmColor, bool required, string label = "Comment")
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<CommentDialog>
        {
            { d => d.Prompt, prompt },
            { d => d.Required, required },
            { d => d.Label, label },
            { d => d.ConfirmText, confirmText },
            { d => d.ConfirmColor, confirmColor },
        };
        var dialog = await dialogs.ShowAsync<CommentDialog>(title, parameters, Options);
        return await dialog.Result is { Canceled: false } result ? (true, result.Data as string) : (false, null);
    }

    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
}
