using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// A Notify step's <c>recipients</c> setting: entries separated by commas, semicolons or spaces, each
/// <c>role:{role}</c> (its accounts), <c>group:{name}</c> (<c>Notifications:Groups:{name}</c>) or an address.
/// </summary>
public sealed partial class RecipientList(INotificationDirectory directory, IOptions<NotificationOptions> options)
{
    /// <summary>The problems of a setting's text; empty when it parses.</summary>
    public static IEnumerable<string> Check(string? text)
    {
        var entries = Split(text);
        if (entries.Count == 0) yield return "setting 'recipients' names nobody: give role:Reviewer, group:name or addresses";
        foreach (var entry in entries)
        {
            if (entry.StartsWith("role:", StringComparison.OrdinalIgnoreCase) || entry.StartsWith("group:", StringComparison.OrdinalIgnoreCase))
            {
                if (entry[(entry.IndexOf(':', StringComparison.Ordinal) + 1)..].Length == 0) yield return $"recipient '{entry}' names no role or group";
            }
            else if (!Address().IsMatch(entry))
            {
                yield return $"recipient '{entry}' is not role:..., group:... or an e-mail address";
            }
        }
    }

    /// <summary>Everyone the setting names, once each (by address, case-insensitive), accounts found for addresses.</summary>
    public async Task<IReadOnlyList<NotificationRecipient>> ResolveAsync(string? text, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, NotificationRecipient>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Split(text))
        {
            if (entry.StartsWith("role:", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var member in await directory.MembersOfRoleAsync(entry[5..], cancellationToken)) found.TryAdd(member.Address, member);
                continue;
            }

            var addresses = entry.StartsWith("group:", StringComparison.OrdinalIgnoreCase)
                ? options.Value.Groups.GetValueOrDefault(entry[6..]) ?? []
                : [entry];
            foreach (var address in addresses.Where(a => Address().IsMatch(a)))
            {
                if (found.ContainsKey(address)) continue;
                found[address] = new NotificationRecipient(address, await directory.FindUserNameAsync(address, cancellationToken));
            }
        }

        return [.. found.Values];
    }

    private static List<string> Split(string? text) =>
        [.. (text ?? "").Split([',', ';', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"^[^@\s<>""]+@[^@\s<>""]+\.[^@\s<>""]+$")]
    private static partial Regex Address();
}
