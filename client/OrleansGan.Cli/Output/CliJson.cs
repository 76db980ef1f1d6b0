using System.Text.Json.Serialization;
using OrleansGan.Cli.Report;
using OrleansGan.Experiments;
using OrleansGan.Runs;

namespace OrleansGan.Cli.Output;

/// <summary>
/// Every document the CLI prints under --json, its serializers generated at build time: serialized by reflection, the
/// documents were a third of the methods an `experiments show --json` process compiled before it could exit.
/// Their options are <see cref="JsonOutput.Documents"/>'.
/// </summary>
[JsonSerializable(typeof(IReadOnlyList<ExperimentEntry>))]
[JsonSerializable(typeof(ExperimentShowJson))]
[JsonSerializable(typeof(ExperimentOutcomeJson))]
[JsonSerializable(typeof(RunSnapshot))]
[JsonSerializable(typeof(IReadOnlyList<RunComparisonRow>))]
[JsonSerializable(typeof(TopRuns[]))]
[JsonSerializable(typeof(SweepVariantsJson))]
[JsonSerializable(typeof(ClusterStatusJson))]
[JsonSerializable(typeof(ReportFile))]
internal sealed partial class CliJson : JsonSerializerContext;
