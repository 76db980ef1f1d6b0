namespace OrleansGan.Cli.Report;

internal readonly record struct ChartPoint(double X, double Y);
