namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// Adopts a database whose tables an earlier layout created under another history table: when
/// <see cref="HistoryTable"/> records <see cref="MigrationId"/> and the set <see cref="Set"/> has no history
/// of its own yet, the set's first migration is recorded as applied instead of run (its tables exist).
/// Later migrations of the set then apply as usual.
/// </summary>
/// <param name="Set">The migration set's name.</param>
/// <param name="HistoryTable">The earlier layout's history table.</param>
/// <param name="MigrationId">The earlier migration whose presence shows the set's first migration's tables exist.</param>
public sealed record MigrationBaseline(string Set, string HistoryTable, string MigrationId);
