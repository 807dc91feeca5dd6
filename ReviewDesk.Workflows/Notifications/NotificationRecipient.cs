namespace ReviewDesk.Workflows.Notifications;

/// <summary>A person a Notify step writes to: an address, and the account behind it if there is one.</summary>
/// <param name="Address">The e-mail address.</param>
/// <param name="UserName">The account's user name (the reviewer name decisions carry); null for an address with no account.</param>
public sealed record NotificationRecipient(string Address, string? UserName);
