using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Harness;

/// <summary>The harness is a test tool: it keeps ticket originals readable (the product encrypts them with Data Protection).</summary>
internal sealed class HarnessSecretProtector : ISecretProtector
{
    public string Protect(string plaintext) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(plaintext));

    public string Unprotect(string protectedText) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(protectedText));
}
