namespace ReviewDesk.Engine.Runtime;

/// <summary>Makes ids for instances and bookmarks; injected so tests can make them predictable.</summary>
public interface IWorkflowIdGenerator
{
    /// <summary>A new id starting with <paramref name="prefix"/>.</summary>
    string NewId(string prefix);
}

/// <summary>Time-ordered ids from version 7 GUIDs, so ids sort by creation.</summary>
public sealed class GuidV7IdGenerator(TimeProvider time) : IWorkflowIdGenerator
{
    /// <inheritdoc />
    public string NewId(string prefix) => prefix + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
}
