using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Web.Cluster;

namespace ReviewDesk.Tests.Web.Cluster;

/// <summary>
/// What protects the key ring on disk (SQLite, one node): the keys folder is its owner's only, and with a configured
/// certificate every key is written encrypted, and still decrypts what it protected.
/// </summary>
public sealed class KeyRingAtRestTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reviewdesk-keyring-tests", Guid.NewGuid().ToString("N"));

    private string KeysDirectory => Path.Combine(_folder, "keys");

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task WithoutACertificate_TheKeysFolderIsReadableByItsOwnerOnly()
    {
        await using var factory = new ReviewDeskWebFactory { Settings = { ["DataProtection:KeysDirectory"] = KeysDirectory } };

        Protect(factory, "a customer's e-mail");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(KeysDirectory));
        Assert.Contains(Directory.GetFiles(KeysDirectory, "key-*.xml").Select(File.ReadAllText), xml => xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithACertificate_EveryKeyIsWrittenEncrypted_AndStillDecryptsWhatItProtected()
    {
        Directory.CreateDirectory(_folder);
        var certificatePath = Path.Combine(_folder, "keyring.pfx");
        const string password = "test-only-password";
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ReviewDesk key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, password), TestContext.Current.CancellationToken);
        }

        await using var factory = new ReviewDeskWebFactory
        {
            Settings =
            {
                ["DataProtection:KeysDirectory"] = KeysDirectory,
                [KeyRingAtRest.CertificatePathKey] = certificatePath,
                [KeyRingAtRest.CertificatePasswordKey] = password,
            },
        };

        var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("key ring test");
        var secret = protector.Protect("a customer's e-mail");

        var keys = Directory.GetFiles(KeysDirectory, "key-*.xml").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Assert.Equal("a customer's e-mail", protector.Unprotect(secret));
    }

    private static void Protect(ReviewDeskWebFactory factory, string value) =>
        factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("key ring test").Protect(value);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
