namespace ReviewDesk.Tests.Support;

/// <summary>A SQLite file in a temporary folder, deleted after the test.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "reviewdesk-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path_ = System.IO.Path.Combine(Directory, "runtime.db");
    }

    public string Directory { get; }
    public string Path_ { get; }
    public string ConnectionString => $"Data Source={Path_}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pool being torn down; the temp folder is cleaned by the OS.
        }
    }
}
