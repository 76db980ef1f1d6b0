using OrleansGan.Hosting;
using OrleansGan.Hosting.Telemetry;
using OrleansGan.Hosting.Workers;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection(OrleansGanOptions.Section).Get<OrleansGanOptions>() ?? new OrleansGanOptions();

builder.UseOrleans(silo =>
{
    silo.UseEmbeddedCluster(options);
    if (options.Worker)
        silo.AddTrainingWorker(worker =>
        {
            worker.ArtifactRoot = options.DataDirectory;
            builder.Configuration.GetSection(WorkerOptions.Section).Bind(worker);
        });
});
builder.Services.AddHealthChecks();
builder.AddOrleansGanTelemetry(options);

var app = builder.Build();
app.MapHealthChecks("/healthz");
app.MapHealthChecks("/readyz");
app.MapOrleansGanTelemetry(options);
app.Run();
