using OrleansGan.Cli;
using OrleansGan.Hosting.Workers;

// The child trainer of a process-isolated trial (Worker__Isolation=Process), when this executable hosts the worker.
if (args is [TrialProcess.Command]) return TrialProcess.Run(Console.In, Console.Out, Console.Error);
return await CliApplication.RunAsync(args);
