using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Web.Hosting;

/// <summary>Registers sign-in and authorisation: <c>builder.AddReviewDeskAuth()</c>.</summary>
public static class ReviewDeskAuthBuilder
{
    /// <summary>The default scheme: the API key scheme when the request has an X-Api-Key header, the console's cookie otherwise.</summary>
    public const string SelectorScheme = "ReviewDesk";

    /// <summary>
    /// Accounts and roles (ASP.NET Core Identity in the application's database), the console's cookie,
    /// the X-Api-Key scheme, the role policies with an authenticated-user fallback, the sign-in rate
    /// limit, and the start-up bootstrap of roles, admin, API key and demo users. Call after
    /// <c>AddReviewDeskApplication</c> so the identity migrations run after the runtime's.
    /// </summary>
    public static WebApplicationBuilder AddReviewDeskAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        services.AddOptions<AuthOptions>().Bind(section);
        if (auth.RevalidationInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{AuthOptions.Section}:{nameof(AuthOptions.RevalidationInterval)} must be positive.");
        }

        services.AddWorkflowDbContext<ReviewDeskIdentityDbContext, PostgresReviewDeskIdentityDbContext>("identity", ReviewDeskIdentityDbContext.MigrationsHistoryTable);
        services.AddIdentityCore<IdentityUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = auth.MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = auth.LockoutDuration;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ReviewDeskIdentityDbContext>()
            .AddUserManager<ReviewDeskUserManager>()
            .AddSignInManager();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultChallengeScheme = SelectorScheme;
                options.DefaultForbidScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Console cookie or API key", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "ReviewDesk.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = AccountEndpoints.LoginPath;
            options.LogoutPath = AccountEndpoints.LogoutPath;
            options.AccessDeniedPath = AccountEndpoints.AccessDeniedPath;
            options.ExpireTimeSpan = auth.SessionDuration;
            options.SlidingExpiration = true;
            // Programs calling the API or a hub without a valid cookie get 401/403 problem details, not the login page.
            options.Events.OnRedirectToLogin = context => AuthenticationProblems.IsApiRequest(context.Request)
                ? AuthenticationProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized)
                : RedirectAsync(context);
            options.Events.OnRedirectToAccessDenied = context => AuthenticationProblems.IsApiRequest(context.Request)
                ? AuthenticationProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden)
                : RedirectAsync(context);
        });

        // A sign-in is checked again (account there, not locked out, security stamp unchanged) on HTTP
        // requests by the cookie and in open circuits by the authentication state provider.
        services.TryAddScoped<SignedInAccountCheck>();
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, ReviewDeskSecurityStampValidator>());
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = auth.RevalidationInterval);

        services.AddAuthorizationBuilder().AddReviewDeskPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddRateLimiter(limiter => limiter.AddLoginPolicy());

        services.TryAddSingleton<ApiKeyService>();
        services.AddHostedService<AccountBootstrapper>();
        return builder;
    }

    private static Task RedirectAsync(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
