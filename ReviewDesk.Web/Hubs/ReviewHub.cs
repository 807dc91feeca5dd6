using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Hubs;

/// <summary>
/// <c>/hubs/review</c>: pushes review-queue changes to every reviewer (see <see cref="ReviewQueueNotifier"/>)
/// and lets a reviewer claim and release tickets. Reviewers and admins only (console cookie or
/// X-Api-Key); the caller is the authenticated user, and only an admin may take a ticket over.
/// </summary>
[Authorize(Policy = ReviewDeskPolicies.Review)]
public sealed class ReviewHub(ReviewQueue queue) : Hub<IReviewClient>
{
    public const string Path = "/hubs/review";

    /// <summary>Claims a ticket for the caller, or renews the caller's claim.</summary>
    public Task<ClaimResult> ClaimAsync(string ticketId) => queue.ClaimAsync(ticketId, Reviewer(), takeOver: false, Context.ConnectionAborted);

    /// <summary>Takes a ticket over from whoever holds it (an admin's action).</summary>
    [Authorize(Policy = ReviewDeskPolicies.Administer)]
    public Task<ClaimResult> TakeOverAsync(string ticketId) => queue.ClaimAsync(ticketId, Reviewer(), takeOver: true, Context.ConnectionAborted);

    /// <summary>Releases the caller's claim.</summary>
    public Task<ClaimResult> ReleaseAsync(string ticketId) => queue.ReleaseAsync(ticketId, Reviewer(), takeOver: false, Context.ConnectionAborted);

    private string Reviewer() => Context.User?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
        ? name
        : throw new HubException("The caller is not signed in.");
}
