using Microsoft.AspNetCore.SignalR;
using ReviewDesk.Web.Api;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Hubs;

/// <summary>
/// <c>/hubs/review</c>: pushes review-queue changes to every reviewer (see <see cref="ReviewQueueNotifier"/>)
/// and lets a reviewer claim and release tickets. The reviewer names itself like the HTTP API
/// (X-Reviewer header, or a <c>reviewer</c> query parameter) until sign-in exists.
/// </summary>
public sealed class ReviewHub(ReviewQueue queue) : Hub<IReviewClient>
{
    public const string Path = "/hubs/review";

    /// <summary>Claims a ticket for the caller, or renews the caller's claim.</summary>
    public Task<ClaimResult> ClaimAsync(string ticketId) => queue.ClaimAsync(ticketId, Reviewer(), takeOver: false, Context.ConnectionAborted);

    /// <summary>Takes a ticket over from whoever holds it (an admin's action).</summary>
    public Task<ClaimResult> TakeOverAsync(string ticketId) => queue.ClaimAsync(ticketId, Reviewer(), takeOver: true, Context.ConnectionAborted);

    /// <summary>Releases the caller's claim.</summary>
    public Task<ClaimResult> ReleaseAsync(string ticketId) => queue.ReleaseAsync(ticketId, Reviewer(), takeOver: false, Context.ConnectionAborted);

    private string Reviewer() => ReviewsApi.ReviewerName(Context.GetHttpContext())
        ?? throw new HubException($"Name the reviewer in the {ReviewsApi.ReviewerHeader} header or the reviewer query parameter.");
}
