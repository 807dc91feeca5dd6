using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace ReviewDesk.Web.Identity;

/// <summary>Sign-out: a form post (antiforgery-checked) from the app bar. Sign-in is the static <c>/login</c> page.</summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string AccessDeniedPath = "/access-denied";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LogoutPath, LogoutAsync).WithName("Logout").RequireAuthorization(ReviewDeskPolicies.Authenticated).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Signs out and goes to the login page. The form field makes minimal APIs check the antiforgery token.</summary>
    public static async Task<RedirectHttpResult> LogoutAsync(SignInManager<IdentityUser> signIn, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(LoginPath);
    }
}
