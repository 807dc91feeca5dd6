using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>The reviewers' comments and a box to add one.</summary>
public sealed partial class TicketComments
{
    private MudTextField<string>? _field;

    [Parameter]
    public IReadOnlyList<TicketComment> Comments { get; set; } = [];

    [Parameter]
    public bool CanComment { get; set; }

    /// <summary>Stores the text; returns null when stored, or the reason it was not.</summary>
    [Parameter]
    public Func<string, Task<string?>>? OnAdd { get; set; }

    private string? Draft { get; set; }

    private string? Error { get; set; }

    private bool Busy { get; set; }

    /// <summary>Puts the cursor in the comment box (the C shortcut).</summary>
    public async Task FocusAsync()
    {
        if (_field is not null) await _field.FocusAsync();
    }

    private async Task AddAsync()
    {
        if (string.IsNullOrWhiteSpace(Draft))
        {
            Error = "The comment is empty.";
            return;
        }

        if (OnAdd is null) return;
        Busy = true;
        try
        {
            Error = await OnAdd(Draft);
            if (Error is null) Draft = null;
        }
        finally
        {
            Busy = false;
        }
    }
}
