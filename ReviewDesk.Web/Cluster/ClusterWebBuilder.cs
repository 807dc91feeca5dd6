using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Web.Hosting;
using StackExchange.Redis;

namespace ReviewDesk.Web.Cluster;

/// <summary>What several nodes share: the key ring in the database, and live updates through Redis.</summary>
public static class ClusterWebBuilder
{
    /// <summary>
    /// The Data Protection key ring: in the database on PostgreSQL (every node uses the same keys), in the data
    /// folder on SQLite (one node). With <c>Cluster:Redis</c>: the SignalR Redis backplane, the cross-node event
    /// stream (<see cref="RedisClusterEvents"/>) and a <c>redis</c> readiness check (degraded while Redis is down).
    /// </summary>
    public static WebApplicationBuilder AddReviewDeskCluster(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;
        var dataProtection = services.AddDataProtection().SetApplicationName("ReviewDesk");
        if (configuration.GetValue<DatabaseProvider>($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}") == DatabaseProvider.Postgres)
        {
            services.AddWorkflowDbContext<DataProtectionKeysDbContext, PostgresDataProtectionKeysDbContext>("keys", DataProtectionKeysDbContext.MigrationsHistoryTable);
            // The key repository resolves the context from a scope; the pooled factory makes it.
            services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<DataProtectionKeysDbContext>>().CreateDbContext());
            dataProtection.PersistKeysToDbContext<DataProtectionKeysDbContext>();
        }
        else
        {
            var keysDirectory = configuration["DataProtection:KeysDirectory"] ?? Path.Combine(configuration["Database:DataDirectory"] ?? "data", "keys");
            dataProtection.PersistKeysToFileSystem(KeyRingAtRest.OwnerOnlyDirectory(Path.GetFullPath(keysDirectory)));
        }

        KeyRingAtRest.ProtectWithConfiguredCertificate(dataProtection, configuration);

        var section = configuration.GetSection(ClusterOptions.Section);
        services.AddOptions<ClusterOptions>().Bind(section);
        if (!(section.Get<ClusterOptions>() ?? new ClusterOptions()).IsClustered) return builder;

        services.TryAddSingleton<RedisConnection>();
        services.AddSignalR().AddStackExchangeRedis();
        services.AddOptions<RedisOptions>().Configure<RedisConnection, IOptions<ClusterOptions>>((redis, connection, cluster) =>
        {
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(cluster.Value.ChannelPrefix + ":signalr");
            redis.ConnectionFactory = _ => Task.FromResult(connection.Multiplexer);
        });
        services.AddHostedService<RedisClusterEvents>();
        services.AddHealthChecks().AddCheck<RedisConnection>(RedisConnection.HealthCheckName, tags: [ReviewDeskWebPipeline.ReadyTag]);
        return builder;
    }
}
