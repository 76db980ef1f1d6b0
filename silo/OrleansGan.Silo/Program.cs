using Microsoft.Extensions.Options;
using OrleansGan.Hosting;
using OrleansGan.Hosting.Health;
using OrleansGan.Hosting.Telemetry;
using OrleansGan.Hosting.Workers;
using OrleansGan.Workers;

if (args is [TrialProcess.Command]) return TrialProcess.Run(Console.In, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
OrleansGanOptions options;
WorkerOptions worker;
try
{
    (options, worker) = SiloConfiguration.Resolve(builder.Configuration);
}
catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
{
    Console.Error.WriteLine($"orleansgan-silo: bad configuration: {e.Message}");
    return 2;
}

builder.Services.AddOrleansGanOptions(builder.Configuration);
builder.UseOrleans(silo =>
{
    silo.UseConfiguredCluster(options).AddOrleansGan(options.Role, options.Role.HostsWorker() ? worker.Capacity : null);
    if (options.Role.HostsWorker()) silo.AddTrainingWorker();
});
builder.Services.AddSiloHealthChecks();
builder.AddOrleansGanTelemetry(options);

var app = builder.Build();
app.MapSiloHealthChecks();
app.MapOrleansGanTelemetry(options);
app.Run();
return 0;
