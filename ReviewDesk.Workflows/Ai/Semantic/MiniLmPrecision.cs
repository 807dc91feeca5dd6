namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>The weights a <see cref="MiniLmEncoder"/> runs the model with.</summary>
internal enum MiniLmPrecision
{
    /// <summary>8-bit weights (<see cref="MiniLmQuantizer"/>): the product's.</summary>
    Int8,

    /// <summary>The package's 32-bit float weights: the reference the 8-bit model is measured against.</summary>
    Float32,
}
