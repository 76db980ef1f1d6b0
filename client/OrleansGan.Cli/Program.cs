using OrleansGan.Cli;

return await CliApplication.RunAsync(args);
