using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace ReviewDesk.Engine.Definitions;

/// <summary>
/// A variant's selection rule: a new ticket runs the variant when every condition that is set holds
/// (its channel is listed, its customer's e-mail domain is listed, and it falls in the percentage
/// sample). Of several matching variants the lowest <see cref="Order"/> wins (then the definition id).
/// </summary>
public sealed record VariantSelection
{
    /// <summary>Channels (email, web, chat, api...) whose tickets this variant takes; empty: any channel.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Customer e-mail domains (<c>example.com</c>, matching subdomains too); empty: any customer.</summary>
    public IReadOnlyList<string> EmailDomains { get; init; } = [];

    /// <summary>
    /// The share (0 to 100) of otherwise matching tickets that run this variant, for A/B tests; null: all.
    /// Decided by a hash of the ticket id and the definition id, so the same ticket always gets the same answer.
    /// </summary>
    public double? Percent { get; init; }

    /// <summary>Precedence among variants whose rules match; lower wins.</summary>
    public int Order { get; init; }

    /// <summary>Whether the rule says anything: a rule with no condition at all never selects.</summary>
    public bool HasConditions => Channels.Count > 0 || EmailDomains.Count > 0 || Percent is not null;

    /// <summary>Problems with the rule, each as a sentence.</summary>
    public IEnumerable<string> Problems()
    {
        if (!HasConditions) yield return "give at least one channel, e-mail domain or percentage";
        if (Percent is < 0 or > 100) yield return "the percentage must be between 0 and 100";
        if (Channels.Any(string.IsNullOrWhiteSpace)) yield return "a channel is empty";
        if (EmailDomains.Any(d => string.IsNullOrWhiteSpace(d) || d.Contains('@', StringComparison.Ordinal))) yield return "an e-mail domain is empty or contains '@'";
    }

    /// <summary>Whether a ticket with these attributes runs the variant <paramref name="definitionId"/>.</summary>
    public bool Matches(string definitionId, string ticketId, string? channel, string? customerEmail)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        ArgumentNullException.ThrowIfNull(ticketId);
        if (!HasConditions) return false;
        if (Channels.Count > 0 && !Channels.Any(c => string.Equals(c.Trim(), channel?.Trim(), StringComparison.OrdinalIgnoreCase))) return false;
        if (EmailDomains.Count > 0)
        {
            var domain = customerEmail is not null && MailAddress.TryCreate(customerEmail, out var address) ? address.Host : null;
            if (domain is null || !EmailDomains.Any(d => IsDomainOrSubdomain(domain, d.Trim().TrimStart('.')))) return false;
        }

        return Percent is not { } percent || Bucket(definitionId, ticketId) < percent;
    }

    /// <summary>The ticket's bucket in [0, 100) for this variant: stable across processes and restarts.</summary>
    public static double Bucket(string definitionId, string ticketId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{definitionId}\n{ticketId}"));
        return BitConverter.ToUInt32(hash, 0) % 10_000 / 100.0;
    }

    private static bool IsDomainOrSubdomain(string domain, string listed) =>
        string.Equals(domain, listed, StringComparison.OrdinalIgnoreCase)
        || domain.EndsWith("." + listed, StringComparison.OrdinalIgnoreCase);
}
