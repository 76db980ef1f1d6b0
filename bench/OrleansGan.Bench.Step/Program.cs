using OrleansGan.Bench.Step;

return StepBenchCommand.Run(args);
