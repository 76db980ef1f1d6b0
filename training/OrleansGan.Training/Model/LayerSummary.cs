namespace OrleansGan.Training.Model;

/// <summary>One row of a model summary: a layer, its output shape (HWC, batch left out) and its parameter count.</summary>
public sealed record LayerSummary(string Layer, IReadOnlyList<long> OutputShape, long Parameters)
{
    public string ShapeText => string.Join("x", OutputShape);
}
