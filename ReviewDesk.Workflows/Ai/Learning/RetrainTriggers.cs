namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>Why a retrain ran (<see cref="ModelVersionRecord.Trigger"/>).</summary>
public static class RetrainTriggers
{
    /// <summary>Someone asked for it (console, API or CLI).</summary>
    public const string OnDemand = "console";
    /// <summary><see cref="LearningOptions.RetrainAfterLabels"/> new labelled examples arrived.</summary>
    public const string Labels = "labels";
    /// <summary><see cref="LearningOptions.RetrainInterval"/> passed with new labelled examples.</summary>
    public const string Schedule = "schedule";
}
