using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// Applies the pending migrations of every <see cref="MigrationSet"/> at start-up, in order, before the
/// worker runs; adopts a database of an earlier layout first (see <see cref="MigrationBaseline"/>). It runs in
/// <see cref="IHostedLifecycleService.StartingAsync"/>, before any hosted service starts: ASP.NET Core's Data Protection
/// reads its key ring in its own hosted service's start, and on PostgreSQL that ring is a table these migrations make.
/// </summary>
internal sealed class DatabaseMigrator(IEnumerable<MigrationSet> sets, IEnumerable<MigrationBaseline> baselines, ILogger<DatabaseMigrator> logger) : IHostedLifecycleService, IAsyncDisposable
{
    // The PostgreSQL advisory lock the migrations run under; its key is any constant ("RDMIGRAT" in ASCII).
    private const string LockSql = "SELECT pg_advisory_lock(5927947986650939732)";
    private const string UnlockSql = "SELECT pg_advisory_unlock(5927947986650939732)";

    // How often a node waiting for another's SQLite start-up lock looks again.
    private static readonly TimeSpan SqliteLockPoll = TimeSpan.FromMilliseconds(50);

    // The connection holding the start-up lock on PostgreSQL, from StartingAsync until StartedAsync.
    private DbContext? _startupLock;

    // The file holding the start-up lock on SQLite (an exclusive lock on "<database>-startup.lock"), for as long.
    private FileStream? _sqliteLock;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // Several nodes may start at once on one PostgreSQL database. EF Core's own migration lock did not stop two of
        // them applying the same migration (CrashTests.TwoProcessesOnOneDatabase failed once on PostgreSQL: column
        // "TraceParent" already exists), and the start-up seeding after it (shipped definitions, bootstrap accounts)
        // reads then writes. So a node takes one session-level advisory lock here and keeps it until every hosted
        // service has started (StartedAsync): a second node waits, then finds the work done. A node that dies
        // holding it loses its session, and with it the lock.
        // On SQLite several processes on one file (the crash tests, a second process started by hand) take an exclusive
        // lock on a file beside the database instead, released by the operating system when the process dies.
        if (!sets.Any()) return;
        var guard = await sets.First().CreateContextAsync(cancellationToken);
        if (DatabaseDialect.For(guard.Database).Provider == DatabaseProvider.Postgres)
        {
            await guard.Database.OpenConnectionAsync(cancellationToken);
            await guard.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);
            _startupLock = guard;
        }
        else
        {
            var lockFile = SqliteLockFile(guard.Database.GetConnectionString());
            await guard.DisposeAsync();
            if (lockFile is not null) _sqliteLock = await LockFileAsync(lockFile, cancellationToken);
        }

        try
        {
            await MigrateAllAsync(cancellationToken);
        }
        catch
        {
            await ReleaseAsync();
            throw;
        }
    }

    /// <summary>The start-up lock file of a SQLite database on disk, or null for an in-memory one.</summary>
    internal static string? SqliteLockFile(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return null;
        return Path.GetFullPath(builder.DataSource) + "-startup.lock";
    }

    private async Task<FileStream?> LockFileAsync(string path, CancellationToken cancellationToken)
    {
        var logged = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock on the open file (flock on Linux): a second opener fails until the
                // first closes it, or its process ends.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnauthorizedAccessException)
            {
                // A folder this process may not write to (a database opened read-only): there is nothing to migrate there.
                logger.LogWarning("Cannot create the SQLite start-up lock {LockFile}; starting without it", path);
                return null;
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                if (!logged) logger.LogInformation("Waiting for another process starting on this SQLite database ({LockFile})", path);
                logged = true;
                await Task.Delay(SqliteLockPoll, cancellationToken);
            }
        }
    }

    private async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _sqliteLock, null) is { } file) await file.DisposeAsync();
        if (Interlocked.Exchange(ref _startupLock, null) is not { } guard) return;
        try
        {
            await guard.Database.ExecuteSqlRawAsync(UnlockSql, CancellationToken.None);
        }
        finally
        {
            await guard.DisposeAsync();
        }
    }

    private async Task MigrateAllAsync(CancellationToken cancellationToken)
    {
        foreach (var set in sets)
        {
            await using var db = await set.CreateContextAsync(cancellationToken);
            foreach (var baseline in baselines.Where(b => b.Set == set.Name))
            {
                await AdoptAsync(db, set, baseline, cancellationToken);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0) continue;
            logger.LogInformation("Applying {Count} {Set} database migrations", pending.Count, set.Name);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => ReleaseAsync();

    public Task StopAsync(CancellationToken cancellationToken) => ReleaseAsync();

    public ValueTask DisposeAsync() => new(ReleaseAsync());

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AdoptAsync(DbContext db, MigrationSet set, MigrationBaseline baseline, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return;
        if ((await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()) return;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var legacy = await ScalarAsync(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1", cancellationToken, baseline.HistoryTable) is not null
                && await ScalarAsync(connection, $"""SELECT 1 FROM "{baseline.HistoryTable}" WHERE "MigrationId" = $1""", cancellationToken, baseline.MigrationId) is not null;
            if (!legacy) return;

            var first = db.Database.GetMigrations().First();
            var history = db.GetService<IHistoryRepository>();
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(first, ProductInfo.GetVersion())), cancellationToken);
            logger.LogInformation("Adopted the {Set} tables of an earlier layout ({Legacy} has {MigrationId}): {First} recorded as applied",
                set.Name, baseline.HistoryTable, baseline.MigrationId, first);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params object[] args)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$" + (i + 1);
            parameter.Value = args[i];
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
