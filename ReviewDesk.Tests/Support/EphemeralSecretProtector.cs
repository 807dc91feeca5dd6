using Microsoft.AspNetCore.DataProtection;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Support;

/// <summary>Encrypts ticket originals with a key that lives only as long as the test host (the web app's own protector is the Web project's).</summary>
public sealed class EphemeralSecretProtector : ISecretProtector
{
    private readonly IDataProtector _protector = new EphemeralDataProtectionProvider().CreateProtector("ReviewDesk.Tests.Originals");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
