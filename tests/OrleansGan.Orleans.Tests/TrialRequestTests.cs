using System.Text.Json;
using OrleansGan.Hosting.Workers;
using OrleansGan.Training.Configuration;

namespace OrleansGan.Orleans.Tests;

public class TrialRequestTests
{
    [Fact]
    public void The_objective_reaches_a_child_trainer_process_in_its_request_line()
    {
        var request = new TrialRequest([KeyValuePair.Create("epochs", 1.0)], "/data/set", "cpu", "/data/run", ResumeFrom: [], LibTorchDirectory: null)
        {
            Objective = new QualityObjective { Metric = QualityMetrics.Kid, Samples = 2000, InceptionWeights = "/weights/pt_inception.pth" },
        };

        var line = JsonSerializer.Serialize(request, TrialEvent.Json);
        var read = JsonSerializer.Deserialize<TrialRequest>(line, TrialEvent.Json)!;

        Assert.DoesNotContain('\n', line);
        Assert.Equal(request.Objective, read.Objective);
    }
}
