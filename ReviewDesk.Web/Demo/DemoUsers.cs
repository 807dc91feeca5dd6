using ReviewDesk.Web.Identity;

namespace ReviewDesk.Web.Demo;

/// <summary>
/// One demo account per role, created only in demo mode (<c>Demo:SeedUsers=true</c>, which run.sh sets).
/// Their passwords are fixed, public demo values: never turn demo mode on for a server others can reach.
/// </summary>
public static class DemoUsers
{
    public const string SettingKey = "Demo:SeedUsers";

    /// <summary>Whether <paramref name="configuration"/> turns demo mode on.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(SettingKey, false);

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("reviewer@demo.example", "Demo-Reviewer-1", ReviewDeskRoles.Reviewer),
        new("operator@demo.example", "Demo-Operator-1", ReviewDeskRoles.Operator),
        new("admin@demo.example", "Demo-Admin-1", ReviewDeskRoles.Admin),
    ];
}
