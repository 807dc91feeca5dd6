using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Tests.Web.Api;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// A real ReviewDesk server on Kestrel at 127.0.0.1 (its own SQLite file, the keyword classifier, the
/// <see cref="ReviewTickets.Variant"/> variant published) for the command line to talk to; shared by a test class.
/// </summary>
public sealed class CliServer : IAsyncLifetime
{
    private readonly ReviewDeskWebFactory _factory = new() { Classifier = new KeywordClassifierSource() };

    /// <summary>The server's URL, e.g. http://127.0.0.1:40123.</summary>
    public string Url { get; private set; } = "";

    /// <summary>A client of the server calling as the bootstrap key (every role).</summary>
    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        Url = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(Url) };
        Client.DefaultRequestHeaders.Add(TestApiKeys.Header, ReviewDeskWebFactory.BootstrapApiKey);
        await ReviewTickets.PublishVariantAsync(_factory.Services);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
