using OrleansGan.Hosting;
using OrleansGan.Hosting.Health;
using OrleansGan.Hosting.Telemetry;
using OrleansGan.Hosting.Workers;
using OrleansGan.Workers;

if (args is [TrialProcess.Command]) return TrialProcess.Run(Console.In, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
OrleansGanOptions options;
WorkerOptions worker;
WorkerCapacity? capacity;
try
{
    options = SiloConfiguration.Cluster(builder.Configuration);
    worker = SiloConfiguration.Worker(builder.Configuration, options);
    capacity = options.Role.HostsWorker() ? worker.Capacity : null;
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException)
{
    Console.Error.WriteLine($"orleansgan-silo: bad configuration: {e.Message}");
    return 2;
}

builder.UseOrleans(silo =>
{
    silo.UseConfiguredCluster(options).AddOrleansGan(options.Role, capacity);
    if (capacity is not null) silo.AddTrainingWorker(worker);
});
builder.Services.AddSiloHealthChecks();
builder.AddOrleansGanTelemetry(options);

var app = builder.Build();
app.MapSiloHealthChecks();
app.MapOrleansGanTelemetry(options);
app.Run();
return 0;
