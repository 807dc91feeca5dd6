namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>How model versions are named.</summary>
public static class ModelVersions
{
    /// <summary>The local model trained on the shipped tickets only: in use until a retrained version is promoted, and after a rollback past the first.</summary>
    public const string Base = "base";

    /// <summary><c>v{number}</c>.</summary>
    public static string Name(int number) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"v{number}");

    /// <summary>How the shadow of a version is named in <see cref="ShadowClassificationRecord.Shadow"/>.</summary>
    public static string VersionShadow(string version) => $"version:{version}";

    /// <summary>How the shadow of a provider is named in <see cref="ShadowClassificationRecord.Shadow"/>.</summary>
    public static string ProviderShadow(string provider) => $"provider:{provider}";
}
