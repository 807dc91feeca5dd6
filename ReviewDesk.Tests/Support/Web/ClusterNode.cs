using ReviewDesk.Web.Demo;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// A node of a test cluster: the real web app (<see cref="WebAppChild"/>) on a PostgreSQL database and a Redis shared
/// with the other nodes, with a data folder (and so a key folder) of its own and the demo accounts.
/// </summary>
public static class ClusterNode
{
    /// <summary>
    /// Starts the node named <paramref name="name"/> (its worker off unless <paramref name="worker"/>), waits until it is
    /// healthy and returns it with an API client using <paramref name="apiKey"/>. The folder goes into
    /// <paramref name="folders"/> and the node and client into <paramref name="disposables"/>, for the test to clean up.
    /// </summary>
    public static async Task<(WebAppChild Node, HttpClient Api)> StartAsync(
        TestDatabase database, TestRedis redis, string name, string apiKey, bool worker,
        ICollection<string> folders, ICollection<IDisposable> disposables, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(disposables);
        var folder = Directory.CreateTempSubdirectory("reviewdesk-cluster-node-").FullName;
        folders.Add(folder);
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:ReviewDesk"] = database.ConnectionString,
            ["Cluster:Redis"] = redis.Configuration,
            ["Cluster:NodeName"] = name,
            ["Workflows:Worker:Id"] = name,
            ["Workflows:Worker:Enabled"] = worker ? "true" : "false",
            [DemoUsers.SettingKey] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        var node = WebAppChild.Start(folder, WebAppChild.FreePort(), apiKey, all);
        disposables.Add(node);
        var api = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        disposables.Add(api);
        await node.WaitUntilHealthyAsync(api);
        return (node, api);
    }
}
