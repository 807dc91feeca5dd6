namespace ReviewDesk.Web.Identity;

/// <summary><c>Auth:BootstrapAdmin</c>: the first admin's email and password (from the environment, never the repository).</summary>
public sealed class BootstrapAdminOptions
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
