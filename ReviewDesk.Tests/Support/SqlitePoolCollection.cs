namespace ReviewDesk.Tests.Support;

/// <summary>
/// Tests that watch SQLite's connection pool hand the same native connection back run alone: any other test that disposes a
/// <see cref="TestDatabase"/> or a web host clears every pool in the process (<c>SqliteConnection.ClearAllPools</c>), which
/// closes the idle connection they expect to get again.
/// </summary>
[CollectionDefinition(nameof(SqlitePoolCollection), DisableParallelization = true)]
public sealed class SqlitePoolCollection;
