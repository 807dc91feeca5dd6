namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// Encrypts what must be kept but never shown by default (a ticket's original text and PII values).
/// The web host implements it with ASP.NET Core Data Protection.
/// </summary>
public interface ISecretProtector
{
    /// <summary>Encrypts <paramref name="plaintext"/>.</summary>
    string Protect(string plaintext);

    /// <summary>Decrypts what <see cref="Protect"/> produced.</summary>
    string Unprotect(string protectedText);
}
