using Microsoft.AspNetCore.DataProtection;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Triage;

/// <summary>Encrypts ticket originals with ASP.NET Core Data Protection (keys kept in the data folder).</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("ReviewDesk.Tickets.Originals.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
