namespace ReviewDesk.Workflows.Notifications;

/// <summary>The accounts notifications go to and decisions come from; the web app answers from its accounts (Identity).</summary>
public interface INotificationDirectory
{
    /// <summary>The accounts holding <paramref name="role"/> that can sign in (not locked out), with an address.</summary>
    Task<IReadOnlyList<NotificationRecipient>> MembersOfRoleAsync(string role, CancellationToken cancellationToken);

    /// <summary>The user name of the account with <paramref name="address"/>; null when none has it.</summary>
    Task<string?> FindUserNameAsync(string address, CancellationToken cancellationToken);

    /// <summary>Whether the account <paramref name="userName"/> exists, can sign in and may decide reviews.</summary>
    Task<bool> MayReviewAsync(string userName, CancellationToken cancellationToken);
}

/// <summary>The directory of a host without accounts (workers, the harness): addresses only, nobody may review through a link as an account.</summary>
internal sealed class NoAccountsDirectory : INotificationDirectory
{
    public Task<IReadOnlyList<NotificationRecipient>> MembersOfRoleAsync(string role, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NotificationRecipient>>([]);

    public Task<string?> FindUserNameAsync(string address, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<bool> MayReviewAsync(string userName, CancellationToken cancellationToken) => Task.FromResult(false);
}
