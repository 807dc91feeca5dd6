using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace ReviewDesk.Web.Cluster;

/// <summary>
/// What protects the Data Protection key ring (the keys that encrypt ticket originals, cookies and decision links) where
/// it is stored. With <c>DataProtection:Certificate:Path</c> (a PKCS#12 file, its password in
/// <c>DataProtection:Certificate:Password</c>, from the environment or a secret store, never the repository) every key
/// is encrypted with that certificate before it is written. Without one the keys are written as they are, and what
/// protects them is access: on SQLite the keys folder is made readable by the service's own user only; on PostgreSQL,
/// the database's own access control.
/// </summary>
public static class KeyRingAtRest
{
    /// <summary>The configuration key of the certificate's file.</summary>
    public const string CertificatePathKey = "DataProtection:Certificate:Path";

    /// <summary>The configuration key of the certificate file's password.</summary>
    public const string CertificatePasswordKey = "DataProtection:Certificate:Password";

    /// <summary>Creates <paramref name="path"/> if needed and, on Unix, limits it to its owner (rwx------).</summary>
    public static DirectoryInfo OwnerOnlyDirectory(string path)
    {
        var directory = Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }

    /// <summary>Encrypts new keys with the configured certificate, when one is configured.</summary>
    /// <exception cref="InvalidOperationException">The configured file does not exist or does not hold a certificate with its private key.</exception>
    public static void ProtectWithConfiguredCertificate(IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[CertificatePathKey] is not { Length: > 0 } path) return;
        if (!File.Exists(path)) throw new InvalidOperationException($"{CertificatePathKey}: no file at {path}");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]);
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"{CertificatePathKey}: {path} holds no private key, so the keys could not be read back");
        dataProtection.ProtectKeysWithCertificate(certificate);
    }
}
