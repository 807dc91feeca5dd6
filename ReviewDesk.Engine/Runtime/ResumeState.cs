namespace ReviewDesk.Engine.Runtime;

/// <summary>Where a resume request stands.</summary>
public enum ResumeState
{
    /// <summary>Kept until a matching bookmark appears.</summary>
    Pending = 0,
    /// <summary>Handed to a bookmark.</summary>
    Delivered = 1,
    /// <summary>Refused (instance finished, unknown or consumed bookmark).</summary>
    Rejected = 2,
}
