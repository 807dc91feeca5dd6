using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewDesk.Web.Demo;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// At start, before the server answers (after the migrations, identity's included): creates the roles, the
/// bootstrap admin (<c>Auth:BootstrapAdmin</c>), the PII revealers (<c>Auth:PiiRevealers</c>), the bootstrap API key (<c>Auth:BootstrapApiKey</c>)
/// and, in demo mode, one demo user per role. Existing accounts are never changed (a password set
/// later in the console survives a restart), except that the bootstrap admin is kept an Admin.
/// </summary>
internal sealed class AccountBootstrapper(
    IServiceScopeFactory scopes,
    ApiKeyService keys,
    IOptions<AuthOptions> options,
    IConfiguration configuration,
    ILogger<AccountBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in ReviewDeskRoles.Assignable)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var auth = options.Value;
        if (!string.IsNullOrWhiteSpace(auth.BootstrapAdmin.Email))
        {
            await EnsureUserAsync(users, auth.BootstrapAdmin.Email.Trim(), auth.BootstrapAdmin.Password, ReviewDeskRoles.Admin, "Auth:BootstrapAdmin");
        }

        foreach (var email in auth.PiiRevealers.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()))
        {
            if (await users.FindByEmailAsync(email) is not { } revealer)
            {
                logger.LogWarning("Auth:PiiRevealers names {Email}, which has no account", email);
            }
            else if (!await users.IsInRoleAsync(revealer, ReviewDeskRoles.PiiRevealer))
            {
                Check(await users.AddToRoleAsync(revealer, ReviewDeskRoles.PiiRevealer), $"PiiRevealer grant of {email}");
                logger.LogInformation("Granted {Role} to {Email} from Auth:PiiRevealers", ReviewDeskRoles.PiiRevealer, email);
            }
        }

        if (!string.IsNullOrWhiteSpace(auth.BootstrapApiKey))
        {
            await keys.EnsureAsync("bootstrap", auth.BootstrapApiKey, ReviewDeskRoles.All, "configuration", cancellationToken);
        }

        if (DemoUsers.IsEnabled(configuration))
        {
            foreach (var demo in DemoUsers.All) await EnsureUserAsync(users, demo.Email, demo.Password, demo.Role, "demo");
            logger.LogWarning("Demo mode: demo accounts with public passwords exist ({Accounts})", string.Join(", ", DemoUsers.All.Select(u => u.Email)));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureUserAsync(UserManager<IdentityUser> users, string email, string? password, string role, string source)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            if (string.IsNullOrEmpty(password))
            {
                throw new InvalidOperationException($"{source}: the account {email} does not exist yet and no password is configured for it.");
            }

            user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password), $"{source} account {email}");
            logger.LogInformation("Created the {Role} account {Email} from {Source}", role, email, source);
        }

        if (!await users.IsInRoleAsync(user, role)) Check(await users.AddToRoleAsync(user, role), $"{source} account {email}");
    }

    // Identity's error descriptions name the rule that failed, never the password.
    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Cannot create the {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
