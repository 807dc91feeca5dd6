namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>The multiclass trainers the category model is chosen from.</summary>
internal enum LocalTrainerKind
{
    /// <summary>SdcaMaximumEntropy: fast, the default when the candidates tie.</summary>
    Sdca,

    /// <summary>LbfgsMaximumEntropy with small L1/L2 (0.01).</summary>
    Lbfgs,
}
