using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// Signs links with HMAC-SHA256: <c>base64url(json) . base64url(mac)</c>, the key from
/// <see cref="DecisionLinkOptions.SigningKey"/>. For hosts without the web app's Data Protection key ring (workers,
/// the harness); the web app signs with Data Protection instead. Without a configured key, a random one per process.
/// </summary>
public sealed class HmacDecisionLinkSigner : IDecisionLinkSigner
{
    private const string Purpose = "ReviewDesk.DecisionLink.v1.";
    private readonly byte[] _key;

    /// <summary>Reads the key from the options.</summary>
    /// <exception cref="InvalidOperationException">The key is not base64 of at least 32 bytes.</exception>
    public HmacDecisionLinkSigner(IOptions<NotificationOptions> options, ILogger<HmacDecisionLinkSigner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.Links.SigningKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            logger.LogWarning("Notifications:Links:SigningKey is not set: decision links are signed with a key of this process only");
            _key = RandomNumberGenerator.GetBytes(32);
            return;
        }

        try
        {
            _key = Convert.FromBase64String(configured);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Notifications:Links:SigningKey must be base64 (of at least 32 random bytes).");
        }

        if (_key.Length < 32) throw new InvalidOperationException("Notifications:Links:SigningKey must hold at least 32 bytes.");
    }

    /// <inheritdoc />
    public string Sign(DecisionLink link)
    {
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(link));
        return payload + "." + Base64Url.EncodeToString(Mac(payload));
    }

    /// <inheritdoc />
    public DecisionLink? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000) return null;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return null;
        var payload = token[..dot];
        byte[] mac;
        byte[] json;
        try
        {
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            json = Base64Url.DecodeFromChars(payload);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(payload))) return null;
        try
        {
            return JsonSerializer.Deserialize<DecisionLink>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private byte[] Mac(string payload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(Purpose + payload));
}
