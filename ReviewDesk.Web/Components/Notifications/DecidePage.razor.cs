using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Notifications;

namespace ReviewDesk.Web.Components.Notifications;

/// <summary>
/// <c>/decide?t=...</c>: the page a signed decision link opens, the one anonymous page besides sign-in (the signed
/// token is its guard). Opening it never decides (mail scanners prefetch links): it shows the redacted ticket and a
/// form; the form's post decides through <see cref="DecisionLinkService"/>. Refused links get a clear sentence.
/// Statically rendered, like the login page, so a plain form post carries the decision.
/// </summary>
public sealed partial class DecidePage
{
    [Inject]
    public required DecisionLinkService Links { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "t")]
    public string? Token { get; set; }

    [SupplyParameterFromForm(FormName = "approve")]
    public ApproveInput Approve { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "reject")]
    public RejectInput Reject { get; set; } = default!;

    private DecisionLinkCheck? Check { get; set; }

    private DecisionLinkResult? Result { get; set; }

    private string FormAction => $"/decide?t={Uri.EscapeDataString(Token ?? "")}";

    private string? SignedInUser => HttpContext.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;

    private string? Posted { get; set; }

    private string? RejectError => Error("comment", "reject") ?? Error("action", "reject");

    protected override async Task OnInitializedAsync()
    {
        Approve ??= new ApproveInput();
        Reject ??= new RejectInput();
        var post = HttpMethods.IsPost(HttpContext.Request.Method);
        // A post renders the same forms (Blazor dispatches it to the form of that name), then its handler decides.
        Check = await Links.CheckAsync(Token, SignedInUser, post ? "POST" : "GET", HttpContext.RequestAborted);
        RedirectToSignInIfNeeded();
        if (!post && Check.Ticket is { } ticket && Approve.Category is null)
        {
            Approve.Category = ticket.Category;
            Approve.Priority = ticket.Priority;
        }
    }

    private Task ApproveAsync() => DecideAsync("approve", new DecisionLinkRequest { Action = "approve", Category = Approve.Category, Priority = Approve.Priority, Comment = Approve.Comment });

    private Task RejectAsync() => DecideAsync("reject", new DecisionLinkRequest { Action = "reject", Comment = Reject.Comment });

    private async Task DecideAsync(string form, DecisionLinkRequest request)
    {
        Posted = form;
        Result = await Links.DecideAsync(Token, request, SignedInUser, HttpContext.RequestAborted);
        Check = Result.Check;
        RedirectToSignInIfNeeded();
    }

    private void RedirectToSignInIfNeeded()
    {
        if (Check?.State == DecisionLinkState.SignInRequired)
        {
            Navigation.NavigateTo($"{AccountEndpoints.LoginPath}?returnUrl={Uri.EscapeDataString(FormAction)}");
        }
    }

    private string? Error(string field, string form) => Posted == form ? Result?.Errors?.GetValueOrDefault(field)?.FirstOrDefault() : null;

    /// <summary>The approve form.</summary>
    public sealed class ApproveInput
    {
        public string? Category { get; set; }
        public string? Priority { get; set; }
        public string? Comment { get; set; }
    }

    /// <summary>The reject form.</summary>
    public sealed class RejectInput
    {
        public string? Comment { get; set; }
    }
}
