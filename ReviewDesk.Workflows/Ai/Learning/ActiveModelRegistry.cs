using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// Which retrained version classifies, for every node: the database's <see cref="ModelVersionStatus.Active"/> version, read
/// again every <see cref="LearningOptions.RefreshInterval"/> (at once on the node that promoted or rolled back) and loaded from
/// the database when it changed. None active: the base model classifies. Thread-safe; the hot path reads a cached field.
/// </summary>
public sealed class ActiveModelRegistry(
    IDbContextFactory<TriageDbContext> contexts, TimeProvider time, IOptions<LearningOptions> options, ILogger<ActiveModelRegistry> logger)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>The active version's name, <see cref="ModelVersions.Base"/> when none is.</summary>
    public async ValueTask<string> ActiveVersionAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken))?.Version ?? ModelVersions.Base;

    /// <summary>Forgets what was read, so the next classification reads the database (after this node changed the active version).</summary>
    public void Invalidate() => _snapshot = null;

    /// <summary>
    /// The active version from memory, when the last read is younger than <see cref="LearningOptions.RefreshInterval"/>
    /// (<paramref name="model"/> null: the base model); false when <see cref="GetAsync"/> would read the database.
    /// </summary>
    internal bool TryGetFresh(out ActiveModel? model)
    {
        var snapshot = _snapshot;
        model = snapshot?.Model;
        return IsFresh(snapshot);
    }

    // A read younger than the refresh interval stands; an older one (or none) is read again.
    private bool IsFresh([NotNullWhen(true)] Snapshot? snapshot) =>
        snapshot is not null && time.GetUtcNow() - snapshot.ReadAt < options.Value.RefreshInterval;

    internal async ValueTask<ActiveModel?> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (IsFresh(snapshot)) return snapshot.Model;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (IsFresh(snapshot)) return snapshot.Model;
            var readAt = time.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var active = await db.ModelVersions.AsNoTracking().Where(v => v.Status == ModelVersionStatus.Active)
                .Select(v => new { v.Number, v.Version }).FirstOrDefaultAsync(cancellationToken);
            ActiveModel? model = null;
            if (active is not null)
            {
                // The same version stays loaded; a change loads the new one from the database.
                model = snapshot?.Model?.Version == active.Version
                    ? snapshot.Model
                    : await LoadAsync(db, active.Number, cancellationToken);
            }

            _snapshot = new Snapshot(model, readAt);
            return model;
        }
        finally
        {
            _refresh.Release();
        }
    }

    internal async Task<ActiveModel> LoadAsync(TriageDbContext db, int number, CancellationToken cancellationToken)
    {
        var row = await db.ModelVersions.AsNoTracking().Where(v => v.Number == number)
            .Select(v => new { v.Version, v.ModelData, v.Metadata }).SingleAsync(cancellationToken);
        var model = StoredModel.Load(row.ModelData, row.Metadata);
        logger.LogInformation("Loaded local model version {Version} ({Bytes} bytes)", row.Version, row.ModelData.Length);
        return new ActiveModel(row.Version, model.Metadata.ModelName, model);
    }

    private sealed record Snapshot(ActiveModel? Model, DateTimeOffset ReadAt);
}
