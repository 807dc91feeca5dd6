using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using ReviewDesk.Web.Components.Shared;
using ReviewDesk.Web.Hubs;
using ReviewDesk.Web.Identity;
using ReviewDesk.Web.Live;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>
/// One ticket for a reviewer: the redacted text with highlighted placeholders, the AI's labels, the
/// reasons, comments and timeline, and the decision. Opening it claims the ticket (renewed while the
/// page is open, released on leaving); after a decision the next ticket in the queue opens.
/// </summary>
public sealed partial class TicketPage : IAsyncDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private DotNetObjectReference<TicketPage>? _self;
    private BrowserShortcuts? _shortcuts;
    private LiveRefresh? _live;
    private ITimer? _renewal;
    private TicketComments? _comments;
    private string? _loadedId;
    private bool _holding;
    private DateTimeOffset? _deadline;

    [Parameter]
    public required string Id { get; set; }

    [Inject]
    public required TicketService Tickets { get; init; }

    [Inject]
    public required ReviewQueue Queue { get; init; }

    [Inject]
    public required ReviewQueueFeed Feed { get; init; }

    [Inject]
    public required CircuitConnection Connection { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<TicketPage> Logger { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The page's address for a ticket.</summary>
    public static string Href(string ticketId) => $"/tickets/{Uri.EscapeDataString(ticketId)}";

    private TicketView? Ticket { get; set; }

    private IReadOnlyList<TimelineEvent> Timeline { get; set; } = [];

    private IReadOnlyList<TicketComment> Comments { get; set; } = [];

    private ClaimResult? Claim { get; set; }

    /// <summary>The ticket as the queue listed it at the last load (null once it left the queue).</summary>
    private ReviewQueueItem? QueueItem { get; set; }

    private string? Reviewer { get; set; }

    private bool CanTakeOver { get; set; }

    /// <summary>Whether the user holds the RevealPii permission (Admin or the PiiRevealer grant).</summary>
    private bool CanReveal { get; set; }

    /// <summary>Original values by placeholder after a reveal; kept only while this ticket is on screen.</summary>
    private IReadOnlyDictionary<string, string>? Revealed { get; set; }

    private bool Loaded { get; set; }

    private bool Busy { get; set; }

    // The browser's marker that the page is interactive and shows a loaded, claimed ticket (tests wait for it).
    private bool Live => _rendered && _settled;

    private bool _rendered;

    private bool _settled;

    private string? Message { get; set; }

    private Severity MessageSeverity { get; set; }

    private bool Pending => Ticket is { Status: TicketStatus.AwaitingReview or TicketStatus.Escalated, Decision: null };

    private bool ClaimedByOther => Claim is { ClaimedBy: { } holder } && holder != Reviewer;

    private bool CanDecide => Pending && Reviewer is not null && !ClaimedByOther && !Busy;

    private IReadOnlySet<string> Placeholders { get; set; } = new HashSet<string>();

    private IReadOnlyList<(string Type, int Count)> PiiTypes { get; set; } = [];

    private Color StatusColor => Ticket?.Status switch
    {
        TicketStatus.Routed => Color.Success,
        TicketStatus.Rejected or TicketStatus.Failed or TicketStatus.Cancelled => Color.Error,
        TicketStatus.Escalated => Color.Warning,
        _ => Color.Info,
    };

    protected override async Task OnInitializedAsync()
    {
        var user = await ReviewerIdentity.UserAsync(AuthenticationState);
        Reviewer = ReviewerIdentity.Name(user);
        CanTakeOver = Reviewer is not null && user.IsInRole(ReviewDeskRoles.Admin);
        CanReveal = Reviewer is not null && ReviewDeskPolicies.Roles[ReviewDeskPolicies.RevealPii].Any(user.IsInRole);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Id == _loadedId) return;
        // The same page instance shows the next ticket (J/K, after a decision): let go of the last one first.
        await ReleaseAsync();
        Message = null;
        Claim = null;
        Revealed = null;
        _loadedId = Id;
        _settled = false;
        await LoadAsync();
        if (RendererInfo.IsInteractive) await ClaimAsync(takeOver: false);
        _settled = RendererInfo.IsInteractive;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _live = LiveRefresh.On(Feed, Time, c => c.TicketId == _loadedId, () => InvokeAsync(OnTicketChangedAsync), Logger);
        Connection.Changed += OnConnectionChangedAsync;
        var claimEvery = Queue.ClaimDuration / 3;
        _renewal = Time.CreateTimer(_ => _ = InvokeAsync(RenewAsync), null, claimEvery, claimEvery);
        _self = DotNetObjectReference.Create(this);
        _shortcuts = await BrowserShortcuts.RegisterAsync(JS, "./js/review-shortcuts.js", _self, Logger, _disposed.Token);

        // The first interactive render can come while the interactive OnParametersSetAsync still awaits its claim:
        // Live waits for both.
        _rendered = true;
        StateHasChanged();
    }

    /// <summary>A shortcut key from the browser (see wwwroot/js/review-shortcuts.js).</summary>
    [JSInvokable]
    public Task OnShortcutAsync(string key) => InvokeAsync(() => key switch
    {
        "a" => ApproveAsync(),
        "e" => EditAsync(),
        "r" => RejectAsync(),
        "x" => EscalateAsync(),
        "c" => _comments?.FocusAsync() ?? Task.CompletedTask,
        "j" => MoveAsync(previous: false),
        "k" => MoveAsync(previous: true),
        "?" => ShowShortcutsAsync(),
        _ => Task.CompletedTask,
    });

    private async Task LoadAsync()
    {
        var id = Id;
        var ticket = await Tickets.GetAsync(id, _disposed.Token);
        Ticket = ticket;
        Timeline = ticket is null ? [] : await Tickets.GetTimelineAsync(id, _disposed.Token) ?? [];
        Comments = ticket is null ? [] : await Tickets.GetCommentsAsync(id, _disposed.Token) ?? [];
        var spans = ticket?.PiiSpans.Select(s => (Type: (string?)s.Type, Placeholder: (string?)s.Placeholder)).ToList() ?? [];
        Placeholders = spans.Where(s => s.Placeholder is not null).Select(s => s.Placeholder!).ToHashSet(StringComparer.Ordinal);
        PiiTypes = [.. spans.Where(s => s.Type is not null).DistinctBy(s => s.Placeholder).GroupBy(s => s.Type!).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal)];
        // Kept for moving on after this ticket left the queue (its deadline is cleared then).
        if (ticket?.ReviewDeadline is { } deadline) _deadline = deadline;
        // One read of the claim as the queue sees it; callers compare it with what this page holds.
        QueueItem = Pending ? await Queue.FindAsync(id, _disposed.Token) : null;
        if (QueueItem is { ClaimedBy: { } holder } && !_holding)
        {
            Claim = new ClaimResult(ClaimOutcome.ClaimedByOther, id, holder, QueueItem.ClaimedUntil, null);
        }

        Loaded = true;
    }

    private async Task ClaimAsync(bool takeOver)
    {
        if (Reviewer is null || !Pending) return;
        Claim = await Queue.ClaimAsync(Id, Reviewer, takeOver, _disposed.Token);
        _holding = Claim.Outcome == ClaimOutcome.Claimed;
        if (Claim.Outcome == ClaimOutcome.NotPending) await LoadAsync();
    }

    private async Task RenewAsync()
    {
        if (!_holding || _disposed.IsCancellationRequested) return;
        try
        {
            await ClaimAsync(takeOver: false);
            if (!_holding && Claim?.Outcome == ClaimOutcome.ClaimedByOther) Show($"{Claim.ClaimedBy} took this ticket over.", Severity.Warning);
            StateHasChanged();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Renewing the claim on ticket {TicketId} failed", Id);
        }
    }

    private async Task ReleaseAsync()
    {
        if (!_holding || _loadedId is not { } id || Reviewer is not { } reviewer) return;
        _holding = false;
        try
        {
            // Not the page's token: leaving the page is exactly when the release must still happen.
            await Queue.ReleaseAsync(id, reviewer, takeOver: false, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Releasing ticket {TicketId} failed; the claim lapses on its own", id);
        }
    }

    private async Task OnTicketChangedAsync()
    {
        if (_disposed.IsCancellationRequested || Busy) return;
        var wasPending = Pending;
        var heldBy = Claim?.ClaimedBy;
        await LoadAsync();
        if (_holding && QueueItem is { ClaimedBy: { } holder } && holder != Reviewer)
        {
            // An admin took it over while it was open here.
            _holding = false;
            Claim = new ClaimResult(ClaimOutcome.ClaimedByOther, Id, holder, null, null);
            Show($"{holder} took this ticket over.", Severity.Warning);
        }
        else if (wasPending && !Pending && Ticket?.Decision is { } decision && decision.Reviewer != Reviewer)
        {
            _holding = false;
            Show($"{decision.Reviewer} decided this ticket ({decision.Action}) meanwhile.", Severity.Warning);
        }
        else if (heldBy is not null && heldBy != Reviewer && Pending && !_holding && QueueItem is { ClaimedBy: null })
        {
            // The other reviewer let go: this reviewer may take it now. Not when this reviewer let go (an escalation hands
            // the ticket back unclaimed, and its change event can arrive before the page has moved on).
            await ClaimAsync(takeOver: false);
        }

        StateHasChanged();
    }

    private async Task OnConnectionChangedAsync(bool connected) => await InvokeAsync(async () =>
    {
        if (connected)
        {
            await LoadAsync();
            if (_holding) await ClaimAsync(takeOver: false);
        }

        StateHasChanged();
    });

    private Task ApproveAsync() => DecideAsync(new ReviewDecision { Action = ReviewDecision.Approve }, "Approved");

    private async Task EditAsync()
    {
        if (!CanDecide) return;
        var parameters = new DialogParameters<EditLabelsDialog>
        {
            { d => d.OriginalCategory, Ticket!.Classification?.Category },
            { d => d.OriginalPriority, Ticket.FinalPriority ?? Ticket.Classification?.Priority },
        };
        var dialog = await Dialogs.ShowAsync<EditLabelsDialog>("Edit & approve", parameters, DialogOptions);
        if (await dialog.Result is not { Canceled: false, Data: EditedLabels labels }) return;
        await DecideAsync(new ReviewDecision { Action = ReviewDecision.Approve, Category = labels.Category, Priority = labels.Priority, Comment = labels.Comment }, "Approved with edits");
    }

    private async Task RejectAsync()
    {
        if (!CanDecide) return;
        if (await AskCommentAsync("Reject", "Say why this ticket is rejected.", required: true, Color.Error) is not { } comment) return;
        await DecideAsync(new ReviewDecision { Action = ReviewDecision.Reject, Comment = comment }, "Rejected");
    }

    private async Task EscalateAsync()
    {
        if (!CanDecide) return;
        var (confirmed, comment) = await CommentDialog.AskAsync(Dialogs, "Escalate",
            "Hand this ticket up: its priority rises one step and it returns to the queue unclaimed.", "Escalate", Color.Warning, required: false);
        if (!confirmed) return;
        await DecideAsync(new ReviewDecision { Action = ReviewDecision.Escalate, Comment = comment }, "Escalated");
    }

    private async Task<string?> AskCommentAsync(string title, string prompt, bool required, Color color) =>
        (await CommentDialog.AskAsync(Dialogs, title, prompt, title, color, required)).Text;

    /// <summary>What a decision's toast says: the decision and which ticket, by its (redacted) subject as well as its id.</summary>
    private string Toast(string done)
    {
        const int MaxSubject = 60;
        if (Ticket?.Subject is not { Length: > 0 } subject) return $"{done}: {Id}";
        if (subject.Length > MaxSubject) subject = subject[..(MaxSubject - 1)].TrimEnd() + "\u2026";
        return $"{done}: \u201C{subject}\u201D ({Id})";
    }

    private async Task DecideAsync(ReviewDecision decision, string done)
    {
        if (!CanDecide) return;
        Busy = true;
        try
        {
            var result = await Tickets.DecideAsync(Id, decision with { RequestId = $"console-{Guid.NewGuid():N}" }, Reviewer!, _disposed.Token);
            if (result.Outcome == DecisionOutcome.Applied)
            {
                _holding = false;
                Snackbar.Add(Toast(done), Severity.Success);
                await MoveAsync(previous: false, afterDecision: true);
                return;
            }

            // Decided or taken in the meantime: say by whom, and show the ticket as it is now.
            Show(result.Message ?? "The decision was not applied.", Severity.Error);
            await LoadAsync();
            if (Pending && !_holding) await ClaimAsync(takeOver: false);
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Shows the ticket's original values in place of its placeholders, for this view; the service audits the reveal.</summary>
    private async Task RevealAsync()
    {
        if (!CanReveal || Reviewer is null) return;
        var reveal = await Tickets.RevealPiiAsync(Id, Reviewer, _disposed.Token);
        Revealed = reveal?.Values;
        if (reveal is not null) Show($"Original values revealed ({string.Join(", ", reveal.Types)}). The reveal is in the audit trail.", Severity.Info);
    }

    private async Task TakeOverAsync()
    {
        if (!CanTakeOver) return;
        await ClaimAsync(takeOver: true);
        if (_holding) Show("You took this ticket over.", Severity.Info);
    }

    /// <summary>
    /// Opens the next (or previous) pending ticket the reviewer may take, in the queue's deadline order and wrapping
    /// around (never this ticket, which an escalation leaves pending); after a decision, the queue when none is left.
    /// </summary>
    private async Task MoveAsync(bool previous, bool afterDecision = false)
    {
        var next = await Queue.NeighbourAsync(_deadline ?? Ticket?.ReviewDeadline, Id, previous, skipClaimedBy: Reviewer ?? "", _disposed.Token);
        if (next is not null)
        {
            Navigation.NavigateTo(Href(next));
        }
        else if (afterDecision)
        {
            Navigation.NavigateTo("/review?notice=" + Uri.EscapeDataString("No more tickets wait for you in the queue."));
        }
        else
        {
            Snackbar.Add("No other ticket waits for you in the queue.", Severity.Info);
        }
    }

    private async Task<string?> AddCommentAsync(string text)
    {
        if (Reviewer is null) return "Sign in to comment.";
        var request = new TicketCommentRequest { Text = text, RequestId = $"console-{Guid.NewGuid():N}" };
        if (request.Validate() is { Count: > 0 } errors) return string.Join(" ", errors.SelectMany(e => e.Value));
        if (await Tickets.AddCommentAsync(Id, request, Reviewer, _disposed.Token) is null) return $"There is no ticket {Id}.";
        Comments = await Tickets.GetCommentsAsync(Id, _disposed.Token) ?? [];
        return null;
    }

    private async Task ShowShortcutsAsync() => await Dialogs.ShowAsync<ShortcutsDialog>("Keyboard shortcuts", DialogOptions);

    private void Show(string message, Severity severity) => (Message, MessageSeverity) = (message, severity);

    private static DialogOptions DialogOptions => new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    public async ValueTask DisposeAsync()
    {
        Connection.Changed -= OnConnectionChangedAsync;
        _live?.Dispose();
        if (_renewal is not null) await _renewal.DisposeAsync();
        await ReleaseAsync();
        if (_shortcuts is not null) await _shortcuts.DisposeAsync();

        _self?.Dispose();
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}
