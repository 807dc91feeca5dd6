using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Workflows.Ai;

/// <summary>The figures of classifications against gold labels, as <see cref="ClassifierEvaluation.Score"/> computes them for the <c>evaluate</c> verb, the retrainer and the model page.</summary>
/// <param name="Tickets">How many tickets were scored.</param>
/// <param name="Accuracy">Category accuracy.</param>
/// <param name="MacroF1">Category macro-F1 (over the categories present in the gold labels).</param>
/// <param name="PriorityAccuracy">Priority accuracy.</param>
/// <param name="PriorityMacroF1">Priority macro-F1.</param>
/// <param name="PerCategory">Precision and recall per category, in <see cref="TicketLabels.Categories"/> order.</param>
/// <param name="PerPriority">Precision and recall per priority.</param>
/// <param name="Confusion">Category confusion counts: <c>Confusion[gold][predicted]</c>, both in <see cref="TicketLabels.Categories"/> order.</param>
/// <param name="Calibration">Confidence buckets of the category confidence (empty buckets included).</param>
/// <param name="ExpectedCalibrationError">Ticket-weighted mean gap between confidence and accuracy.</param>
/// <param name="Curve">The auto-route curve.</param>
public sealed record ClassifierScores(
    int Tickets,
    double Accuracy,
    double MacroF1,
    double PriorityAccuracy,
    double PriorityMacroF1,
    IReadOnlyList<LocalCategoryMetrics> PerCategory,
    IReadOnlyList<LocalCategoryMetrics> PerPriority,
    IReadOnlyList<IReadOnlyList<int>> Confusion,
    IReadOnlyList<LocalCalibrationBucket> Calibration,
    double ExpectedCalibrationError,
    IReadOnlyList<AutoRoutePoint> Curve);
