using Microsoft.AspNetCore.Authorization;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// The authorisation policies every page, endpoint and hub names. Anything that names none falls
/// back to <see cref="ReviewDeskPolicies.Authenticated"/> (the fallback policy), so new code is never anonymous by accident.
/// </summary>
public static class ReviewDeskPolicies
{
    /// <summary>Any signed-in user or valid API key: the fallback policy.</summary>
    public const string Authenticated = "Authenticated";

    /// <summary>Any of the three roles: submitting, listing and reading tickets; the OpenAPI document and its reference.</summary>
    public const string AnyRole = "AnyRole";

    /// <summary>Reviewer or Admin: the review queue, claims, decisions, comments and the review hub.</summary>
    public const string Review = "Review";

    /// <summary>Operator or Admin: the operator board, workflow instances, cancelling tickets, reading and exporting workflow definitions.</summary>
    public const string Operate = "Operate";

    /// <summary>Admin only: taking over another reviewer's claim, API keys, changing workflow definitions, the audit trail.</summary>
    public const string Administer = "Administer";

    /// <summary>Admin or the <see cref="ReviewDeskRoles.PiiRevealer"/> grant: revealing a ticket's original PII values (audited).</summary>
    public const string RevealPii = "RevealPii";

    /// <summary>The policy and the roles it admits, for the README's matrix and the tests.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [AnyRole] = ReviewDeskRoles.All,
        [Review] = [ReviewDeskRoles.Reviewer, ReviewDeskRoles.Admin],
        [Operate] = [ReviewDeskRoles.Operator, ReviewDeskRoles.Admin],
        [Administer] = [ReviewDeskRoles.Admin],
        [RevealPii] = [ReviewDeskRoles.Admin, ReviewDeskRoles.PiiRevealer],
    };

    /// <summary>Adds the policies and makes <see cref="Authenticated"/> the fallback.</summary>
    public static AuthorizationBuilder AddReviewDeskPolicies(this AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var authenticated = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        authorization.AddPolicy(Authenticated, authenticated);
        foreach (var (name, roles) in Roles)
        {
            authorization.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }

        return authorization.SetFallbackPolicy(authenticated);
    }
}
