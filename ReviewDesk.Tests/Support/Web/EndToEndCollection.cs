namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// The browser tests: one chromium for all of them, run one at a time and not alongside other
/// collections, so a browser, a web host and the rest of the suite do not fight over two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "End-to-end (chromium)";
}
