using OrleansGan.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Optim;

/// <summary>
/// Adam as Keras 2 implements it (epsilon 1e-7 added to sqrt(v); the bias corrections folded into
/// the learning rate), over one flat parameter buffer: a few kernels per step whatever the model.
/// </summary>
public sealed class FlatAdam : IDisposable
{
    const double Epsilon = 1e-7;

    readonly FlatParameters _parameters;
    readonly double _learningRate, _beta1, _beta2;
    readonly Tensor _m, _v;

    public FlatAdam(FlatParameters parameters, double learningRate, double beta1, double beta2)
    {
        _parameters = parameters;
        (_learningRate, _beta1, _beta2) = (learningRate, beta1, beta2);
        _m = zeros_like(parameters.Values);
        _v = zeros_like(parameters.Values);
    }

    public long Steps { get; private set; }

    public void Step()
    {
        using var _ = no_grad();
        Steps++;
        var g = _parameters.Gradients;
        _m.mul_(_beta1).add_(g, 1 - _beta1);
        _v.mul_(_beta2).addcmul_(g, g, 1 - _beta2);
        var stepSize = _learningRate * Math.Sqrt(1 - Math.Pow(_beta2, Steps)) / (1 - Math.Pow(_beta1, Steps));
        using var denominator = _v.sqrt().add_(Epsilon);
        _parameters.Values.addcdiv_(_m, denominator, -stepSize);
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(Steps);
        _m.Save(writer);
        _v.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        Steps = reader.ReadInt64();
        using var _ = no_grad();
        _m.LoadFrom(reader);
        _v.LoadFrom(reader);
    }

    public void Dispose()
    {
        _m.Dispose();
        _v.Dispose();
    }
}
