using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>Reads and saves reviewers' notification preferences (saves go through the runtime's writer).</summary>
public sealed class NotificationPreferenceStore(IDbContextFactory<TriageDbContext> contexts, WorkflowRuntime runtime)
{
    /// <summary>The preferences of <paramref name="userName"/>; the defaults when none were saved.</summary>
    public async Task<NotificationPreferences> GetAsync(string userName, CancellationToken cancellationToken) =>
        (await GetManyAsync([userName], cancellationToken)).GetValueOrDefault(userName) ?? NotificationPreferences.Default;

    /// <summary>The saved preferences of those of <paramref name="userNames"/> who saved any.</summary>
    public async Task<IReadOnlyDictionary<string, NotificationPreferences>> GetManyAsync(IReadOnlyCollection<string> userNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userNames);
        if (userNames.Count == 0) return new Dictionary<string, NotificationPreferences>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<NotificationPreferenceRecord>().AsNoTracking().Where(p => userNames.Contains(p.UserName)).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.UserName, ToPreferences, StringComparer.Ordinal);
    }

    /// <summary>Saves <paramref name="preferences"/> for <paramref name="userName"/>.</summary>
    /// <exception cref="ArgumentException">The preferences are not valid (see <see cref="NotificationPreferences.Validate"/>).</exception>
    public Task SaveAsync(string userName, NotificationPreferences preferences, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentNullException.ThrowIfNull(preferences);
        if (preferences.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(e => e)), nameof(preferences));
        return runtime.WriteAsync(tx =>
        {
            var db = tx.Db<TriageDbContext>();
            var row = db.Set<NotificationPreferenceRecord>().SingleOrDefault(p => p.UserName == userName);
            if (row is null)
            {
                row = new NotificationPreferenceRecord { UserName = userName };
                db.Add(row);
            }

            row.Mode = preferences.Mode;
            row.Categories = string.Join(',', preferences.Categories.Distinct(StringComparer.Ordinal));
            row.Priorities = string.Join(',', preferences.Priorities.Distinct(StringComparer.Ordinal));
            row.Variants = string.Join(',', preferences.Variants.Select(v => v.Trim()).Distinct(StringComparer.Ordinal));
            row.UpdatedAt = tx.Now;
            return true;
        }, cancellationToken);
    }

    private static NotificationPreferences ToPreferences(NotificationPreferenceRecord r) => new()
    {
        Mode = r.Mode,
        Categories = Split(r.Categories),
        Priorities = Split(r.Priorities),
        Variants = Split(r.Variants),
    };

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
