namespace ReviewDesk.Workflows.Triage;

/// <summary>What waits for one reviewer in the queue (<see cref="ReviewQueue.WorkloadAsync"/>).</summary>
/// <param name="Waiting">Pending tickets the reviewer may take: unclaimed, claimed by them, or with a lapsed claim.</param>
/// <param name="Overdue">Of those, how many are past their review deadline.</param>
/// <param name="Escalated">Of those, how many were escalated.</param>
/// <param name="Nearest">Of those, the one whose review deadline comes first; null when none has a deadline.</param>
public sealed record ReviewWorkload(int Waiting, int Overdue, int Escalated, ReviewQueueItem? Nearest);
