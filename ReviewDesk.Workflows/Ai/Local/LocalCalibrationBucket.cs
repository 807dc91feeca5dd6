namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>One confidence bucket of a calibration check: mean confidence against observed accuracy.</summary>
/// <param name="Lower">Inclusive lower bound of the confidence range.</param>
/// <param name="Upper">Upper bound (exclusive, except 1.0).</param>
/// <param name="Count">Held-out tickets whose confidence fell in the range.</param>
/// <param name="MeanConfidence">Their mean confidence.</param>
/// <param name="Accuracy">The share of them classified correctly.</param>
public sealed record LocalCalibrationBucket(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);
