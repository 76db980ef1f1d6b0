using System.Globalization;

namespace OrleansGan.Cli.Report;

/// <summary>A chart axis from <see cref="Lo"/> to <see cref="Hi"/> with a tick every <see cref="Step"/>: round numbers (1, 2, 2.5 or 5 times a power of ten).</summary>
internal readonly record struct ChartAxis(double Lo, double Hi, double Step)
{
    public static ChartAxis Fraction { get; } = new(0, 1, 0.25);

    /// <summary>About five ticks spanning [lo, hi]; an integer axis (steps) has whole-number ticks.</summary>
    public static ChartAxis Spanning(double lo, double hi, bool integer)
    {
        if (hi - lo < 1e-9 * Math.Max(1, Math.Abs(hi)))
        {
            var pad = Math.Max(Math.Abs(hi) * 0.05, integer ? 1 : 1e-3);
            (lo, hi) = (lo - pad, hi + pad);
        }
        var rough = (hi - lo) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double[] multiples = integer && magnitude < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
        var step = multiples.Select(m => m * magnitude).First(s => s >= rough * (1 - 1e-9));
        if (integer) step = Math.Max(1, Math.Round(step));
        return new ChartAxis(Math.Floor(lo / step) * step, Math.Ceiling(hi / step) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round((Hi - Lo) / Step);
        for (var i = 0; i <= count; i++) yield return Lo + i * Step;
    }

    /// <summary>Where <paramref name="value"/> lies between <see cref="Lo"/> (0) and <see cref="Hi"/> (1).</summary>
    public double Position(double value) => (value - Lo) / (Hi - Lo);

    public string Label(double value, bool percent)
    {
        if (percent) return (value * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
        var decimals = 0;
        while (decimals < 6 && Math.Abs(Step * Math.Pow(10, decimals) - Math.Round(Step * Math.Pow(10, decimals))) > 1e-6) decimals++;
        return value.ToString("N" + decimals, CultureInfo.InvariantCulture);
    }
}
