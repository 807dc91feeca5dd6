using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// The signature of an outgoing webhook, in the <c>ReviewDesk-Signature</c> header:
/// <c>t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c>. A receiver recomputes the HMAC over the
/// timestamp, a dot and the raw body bytes, compares in constant time, and refuses timestamps older than its
/// tolerance (replays); the <c>ReviewDesk-Event-Id</c> header is the same on every resend of one event, so it also
/// drops duplicates. This is the scheme Stripe's webhook signatures use.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the signature.</summary>
    public const string Header = "ReviewDesk-Signature";

    /// <summary>The header carrying the event's id (stable across resends).</summary>
    public const string EventIdHeader = "ReviewDesk-Event-Id";

    /// <summary>The header carrying the event's type.</summary>
    public const string EventTypeHeader = "ReviewDesk-Event-Type";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <summary>
    /// Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/>, at most
    /// <paramref name="tolerance"/> away from <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrEmpty(header)) return false;
        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)) t = part[2..];
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) signatures.Add(part[3..]);
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance) return false;
        var expected = Mac(secret, t, body);
        foreach (var signature in signatures)
        {
            byte[] given;
            try
            {
                given = Convert.FromHexString(signature);
            }
            catch (FormatException)
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(given, expected)) return true;
        }

        return false;
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
