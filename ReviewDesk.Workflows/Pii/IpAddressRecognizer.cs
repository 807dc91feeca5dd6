using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ReviewDesk.Workflows.Pii;

/// <summary>
/// Finds IPv4 addresses (four dotted decimal parts) and IPv6 addresses (full, compressed,
/// with an embedded IPv4 part or a zone id), each confirmed by <see cref="IPAddress.TryParse(string, out IPAddress)"/>.
/// Dotted numbers introduced as a version, build or release are not reported.
/// </summary>
public sealed partial class IpAddressRecognizer : IPiiRecognizer
{
    private static readonly HashSet<string> Context = new(StringComparer.Ordinal)
    {
        "ip", "ipv4", "ipv6", "address", "addr", "server", "host", "client", "gateway", "dns", "proxy", "firewall",
        "subnet", "vpn", "router", "connecting", "connected", "source", "remote", "adresse", "dirección", "serveur",
        "servidor", "from", "ping", "traceroute", "allowlist", "whitelist", "blocklist", "egress", "ingress", "peer", "spf",
    };

    /// <inheritdoc />
    public string EntityType => PiiTypes.IpAddress;

    /// <inheritdoc />
    public IReadOnlyCollection<string> ContextWords => Context;

    /// <inheritdoc />
    public IReadOnlyList<PiiEntity> Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = new List<PiiEntity>();

        // Every IPv6 match holds at least two colons and every IPv4 match three dots: most texts need neither regex.
        if (text.AsSpan().Count(':') >= 2)
        {
            FindIpv6(text, results);
        }

        if (text.AsSpan().Count('.') >= 3)
        {
            FindIpv4(text, results);
        }

        return results;
    }

    private void FindIpv6(string text, List<PiiEntity> results)
    {
        foreach (Match m in Ipv6Regex().Matches(text))
        {
            var address = m.Groups["addr"].Value.TrimEnd('.');
            if (address.Count(c => c == ':') < 2 || !address.Any(char.IsAsciiHexDigit) || !IsValidIpv6(address))
            {
                continue;
            }

            var length = address.Length + (address.Length == m.Groups["addr"].Length ? m.Groups["zone"].Length : 0);
            results.Add(new PiiEntity(EntityType, m.Index, m.Index + length, text.Substring(m.Index, length), 0.6));
        }
    }

    private void FindIpv4(string text, List<PiiEntity> results)
    {
        foreach (Match m in Ipv4Regex().Matches(text))
        {
            var inside = results.Exists(r => r.Start <= m.Index && m.Index + m.Length <= r.End);
            if (inside || !IPAddress.TryParse(m.Value, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetwork
                || LooksLikeVersion(text, m.Index))
            {
                continue;
            }

            results.Add(new PiiEntity(EntityType, m.Index, m.Index + m.Length, m.Value, 0.6));
        }
    }

    private static bool IsValidIpv6(string address)
    {
        // An embedded IPv4 tail must have all four parts; TryParse is lenient about that.
        var lastColon = address.LastIndexOf(':');
        var tail = address[(lastColon + 1)..];
        if (tail.Contains('.', StringComparison.Ordinal)
            && (tail.Count(c => c == '.') != 3 || !IPAddress.TryParse(tail, out _)))
        {
            return false;
        }

        return IPAddress.TryParse(address, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static bool LooksLikeVersion(string text, int start)
    {
        if (start > 0 && text[start - 1] is 'v' or 'V')
        {
            return true;
        }

        // Walk back through the sentence: the nearer of a network word and a version word decides.
        foreach (var word in ContextScanner.WordsInSentenceBefore(text, start, 20))
        {
            if (Context.Contains(word))
            {
                return false;
            }

            if (ContextScanner.VersionWords.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(
        @"(?<![\w.:])(?<addr>[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?\.?)(?<zone>%[A-Za-z0-9]+)?(?![\w:]|\.\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Regex();

    [GeneratedRegex(@"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Regex();
}
