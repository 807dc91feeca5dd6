using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ReviewDesk.Web.Components.Review;

/// <summary>Edit &amp; approve: category and priority pickers, and the change spelled out before confirming.</summary>
public sealed partial class EditLabelsDialog
{
    [CascadingParameter]
    public required IMudDialogInstance MudDialog { get; set; }

    /// <summary>The AI's category.</summary>
    [Parameter]
    public string? OriginalCategory { get; set; }

    /// <summary>The current priority.</summary>
    [Parameter]
    public string? OriginalPriority { get; set; }

    private string? Category { get; set; }

    private string? Priority { get; set; }

    private string? Comment { get; set; }

    private bool Changed => Category != OriginalCategory || Priority != OriginalPriority;

    private string Summary => !Changed
        ? "No change: this approves the AI's labels."
        : string.Join("; ", new[]
        {
            Category != OriginalCategory ? $"Category {ReviewText.Category(OriginalCategory)} → {ReviewText.Category(Category)}" : null,
            Priority != OriginalPriority ? $"Priority {OriginalPriority ?? "none"} → {Priority}" : null,
        }.Where(s => s is not null));

    protected override void OnInitialized()
    {
        Category = OriginalCategory;
        Priority = OriginalPriority;
    }

    /// <summary>Picks the labels as the selects do (tests drive the dialog through it).</summary>
    internal void SetLabels(string? category, string? priority)
    {
        Category = category;
        Priority = priority;
        StateHasChanged();
    }

    private void Confirm() => MudDialog.Close(DialogResult.Ok(new EditedLabels(Category, Priority, string.IsNullOrWhiteSpace(Comment) ? null : Comment)));

    private void Cancel() => MudDialog.Cancel();
}
