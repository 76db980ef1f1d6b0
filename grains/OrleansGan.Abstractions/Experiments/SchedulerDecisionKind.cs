namespace OrleansGan.Experiments;

[GenerateSerializer]
public enum SchedulerDecisionKind
{
    /// <summary>The run is cut early (status stopped).</summary>
    Stop,

    /// <summary>The run has reached ASHA's max_epochs before its own last epoch and ends completed.</summary>
    Complete,

    /// <summary>PBT: the run copies a better run's checkpoint and goes on with explored values.</summary>
    Exploit,

    /// <summary>ASHA: a run it stopped at a rung has entered the rung's top 1/eta and goes on from its checkpoint.</summary>
    Promote,
}
