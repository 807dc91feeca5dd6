namespace ReviewDesk.Web.Demo;

/// <summary>A demo account: its login, its public demo password and its role.</summary>
public sealed record DemoUser(string Email, string Password, string Role);
