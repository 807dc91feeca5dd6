using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using ReviewDesk.Workflows.Notifications;

namespace ReviewDesk.Web.Notifications;

/// <summary>
/// Signs (and encrypts) decision links with ASP.NET Core Data Protection: the key ring in the data folder, rotated by
/// Data Protection, shared by every process that shares the keys. A token from another key, or changed, reads as null.
/// </summary>
public sealed class DataProtectionDecisionLinkSigner(IDataProtectionProvider provider) : IDecisionLinkSigner
{
    private readonly IDataProtector _protector = provider.CreateProtector("ReviewDesk.Notifications.DecisionLinks.v1");

    public string Sign(DecisionLink link) => Base64Url.EncodeToString(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(link)));

    public DecisionLink? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000) return null;
        try
        {
            return JsonSerializer.Deserialize<DecisionLink>(_protector.Unprotect(Base64Url.DecodeFromChars(token)));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or JsonException)
        {
            return null;
        }
    }
}
