using OrleansGan.Bench.Scoring;

return ScoringBenchCommand.Run(args);
